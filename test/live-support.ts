// Builds live stores against a running simulator, for the integration tests (not used by the app).
import type { Simulator } from '@/sim/index';
import type { Db } from '@/server/db';
import { kubeConfigFor } from '@/server/clients/kubernetes/connect';
import { connectProxmox } from '@/server/clients/proxmox/connect';
import { ProxmoxReader } from '@/server/clients/proxmox/read';
import { EventBus } from '@/server/live/events';
import { HistoryWriter } from '@/server/live/history';
import { LiveStore } from '@/server/live/store';

export const FAST = { pollMs: 300, requestTimeoutMs: 2_000, backoffBaseMs: 50, backoffMaxMs: 400, idleMs: 30_000, proxmoxActiveMs: 200, proxmoxIdleMs: 300, coalesceMs: 20 };

export function storeFor(sim: Simulator, db: Db | null, bus = new EventBus()): LiveStore {
  const ep = sim.endpoints;
  const clusters = ep.clusters.map((c) => ({
    name: c.name,
    displayName: c.name.toUpperCase(),
    omniUrl: null,
    kc: kubeConfigFor({ name: c.name, kubeconfig: c.kubeconfig, context: c.context, inCluster: false, tls: { insecureSkipVerify: false } }),
  }));
  const reader = new ProxmoxReader(connectProxmox({ url: ep.proxmox.url, node: ep.proxmox.node, tokenId: ep.proxmox.tokenId, tokenSecret: ep.proxmox.tokenSecret, tls: { caFile: ep.proxmox.caFile, insecureSkipVerify: false } }, 2_000), ep.proxmox.node);
  return new LiveStore({
    clusters,
    argocd: ep.argocd,
    proxmox: { node: ep.proxmox.node, read: () => reader.read() },
    history: db ? new HistoryWriter(async () => db, 20) : null,
    bus,
    viewers: () => 1,
    tuning: FAST,
  });
}

export async function until<T>(fn: () => T | Promise<T>, ms = 10_000, what = 'condition'): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

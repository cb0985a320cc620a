import 'server-only';
import net from 'node:net';
import type { GamingConfig } from '@/lib/gaming/config';
import { github as defaultGithub, type GithubClient } from '../../../clients/github';
import { kubevirtFromConfig, type KubevirtApi } from '../../../clients/kubernetes/kubevirt';
import { connectProxmox } from '../../../clients/proxmox/connect';
import { powerApi, type PowerApi } from '../../../clients/proxmox/power';
import { requestCtx, type Ctx } from '../../../context';
import type { Db } from '../../../db';
import { config } from '../../../env';
import { UnavailableError } from '../../../errors';
import { bus } from '../../../live/events';
import { gamingConfig } from './config';
import type { Message } from '@/lib/i18n/message';
import { notifyPerson, type NoticeOptions } from './notify';

// What gaming and DEV-power services need besides the request: Proxmox (or, with the KubeVirt
// backend, the cluster and the GitOps repository), the config, the promotions check, the event bus,
// notifications and the clock. Tests pass simulator-backed clients.

export interface GamingCtx extends Ctx {
  proxmox(): PowerApi;
  /** KubeVirt backend: read-only VirtualMachine/VMI access on the VM's cluster. */
  kubevirt(): KubevirtApi;
  /** KubeVirt backend: the GitOps repository the VM's manifest lives in. */
  github(): GithubClient;
  gaming(): GamingConfig;
  promotionInFlight(db: Db): Promise<boolean>;
  publish(topic: string, data: unknown): void;
  /**
   * The one way gaming tells a person something: to one person (subject or e-mail), or to the admin
   * when `to` is null, through the notification outbox (Web Push, ntfy, Telegram; their preferences,
   * their language for coded messages). `link`: a panel path ("/gaming?…"), else /gaming.
   * `opts`: the event (preference), a once-only key, an expiry.
   */
  notify(to: string | null, title: string | Message, message: string | Message, link?: string, opts?: NoticeOptions): Promise<void>;
  /** TCP readiness probe (Sunshine etc.). */
  probe(host: string, port: number): Promise<boolean>;
  /** Ask the background loop to look again soon (after a state change). */
  wake(): void;
  now(): Date;
}

let api: PowerApi | undefined;

function defaultProxmox(): PowerApi {
  if (api) return api;
  const cfg = config().proxmox;
  if (!cfg) throw new UnavailableError('Proxmox is not configured for this panel (the `proxmox:` section of homelab.yaml).');
  api = powerApi(connectProxmox(cfg), cfg.node);
  return api;
}

export function tcpProbe(host: string, port: number, timeoutMs = 1_500): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

let kv: { key: string; api: KubevirtApi } | undefined;

function defaultKubevirt(): KubevirtApi {
  const k = gamingConfig().kubevirt;
  const key = `${k.cluster}/${k.namespace}/${k.vm}`;
  if (kv?.key !== key) kv = { key, api: kubevirtFromConfig(config(), { cluster: k.cluster, namespace: k.namespace, vm: k.vm }) };
  return kv.api;
}

let wakeHook: () => void = () => undefined;
/** Set by the monitor (../jobs/monitor.ts) when it starts. */
export function setWakeHook(fn: () => void) {
  wakeHook = fn;
}

export function gamingCtx(base: Ctx = requestCtx()): GamingCtx {
  return {
    ...base,
    proxmox: defaultProxmox,
    kubevirt: defaultKubevirt,
    github: defaultGithub,
    gaming: gamingConfig,
    promotionInFlight: async (db) => (await import('../../promotions/internal/in-flight')).promotionInFlight(db),
    publish: (topic, data) => void bus.publish(topic, data),
    notify: notifyPerson,
    probe: tcpProbe,
    wake: () => wakeHook(),
    now: () => new Date(),
  };
}

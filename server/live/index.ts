import 'server-only';
import { db } from '../db';
import { config } from '../env';
import { kubeConfigFor } from '../clients/kubernetes/connect';
import { connectProxmox } from '../clients/proxmox/connect';
import { ProxmoxReader } from '../clients/proxmox/read';
import { log } from '../log';
import { bus } from './events';
import { HistoryWriter } from './history';
import { OmniTemplates } from './omni-templates';
import { LiveStore } from './store';
import { viewerCount } from './viewers';

// The process's live store, built from the configuration. Started by startLiveStore() (call it from
// server/boot.ts) or lazily by the first service that reads it.

interface Live {
  store: LiveStore;
  templates: OmniTemplates | null;
}

const g = globalThis as unknown as { __panelLive?: Live };

function build(): Live {
  const cfg = config();
  const clusters = cfg.clusters.flatMap((c) => {
    try {
      return [{ name: c.name, displayName: c.displayName ?? c.name.toUpperCase(), omniUrl: c.omniUrl ?? null, kc: kubeConfigFor(c) }];
    } catch (e) {
      log.error({ cluster: c.name, err: (e as Error).message }, 'live: cannot load the kubeconfig; the cluster is left out');
      return [];
    }
  });
  const proxmox = cfg.proxmox ? { node: cfg.proxmox.node, reader: new ProxmoxReader(connectProxmox(cfg.proxmox), cfg.proxmox.node) } : null;
  const store = new LiveStore({
    clusters,
    argocd: cfg.argocd,
    proxmox: proxmox ? { node: proxmox.node, read: () => proxmox.reader.read() } : undefined,
    history: new HistoryWriter(db),
    bus,
    viewers: viewerCount,
  });
  let templates: OmniTemplates | null = null;
  if (cfg.github) {
    templates = new OmniTemplates(
      cfg.clusters.map((c) => c.name),
      async (path) => (await import('../clients/github')).readRepoFile(path),
    );
  }
  return { store, templates };
}

/** Starts the watches and polls once per process; later calls return the running store. */
export function startLiveStore(): LiveStore {
  if (!g.__panelLive) {
    g.__panelLive = build();
    g.__panelLive.store.start();
    g.__panelLive.templates?.start();
    log.info({ clusters: g.__panelLive.store.clusters.size }, 'live store started');
  }
  return g.__panelLive.store;
}

export function liveStore(): LiveStore {
  return startLiveStore();
}

export function omniTemplates(): OmniTemplates | null {
  startLiveStore();
  return g.__panelLive?.templates ?? null;
}

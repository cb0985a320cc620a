// Homepage annotations on Ingresses and HTTPRoutes, read by the live store from the simulator's
// clusters (docs/coming-from-homepage.md): prod and dev have RomM's Ingress, cloud Comet's HTTPRoute,
// and dev has no Gateway API (404 on the group) without that costing it anything.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '@/sim/index';
import { storeFor, until } from '@/test/live-support';
import type { LiveStore } from './store';

let sim: Simulator;
let dir: string;
let store: LiveStore;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'live-routes-'));
  sim = await startSimulator({ dir, syncDelayMs: 200 });
  store = storeFor(sim, null).start();
  await until(() => store.summaries().every((c) => c.freshness.reachable) && store.appList().find((a) => a.name === 'comet-cloud')?.meta.url, 15_000, 'store ready');
});

afterAll(async () => {
  await store?.stop();
  await sim?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const app = (name: string) => store.appList().find((a) => a.name === name)!;
const what = (s: LiveStore, cluster: string, w: string) => s.watchers(cluster).find((x) => (x as unknown as { o: { what: string } }).o.what === w)!;

describe('Homepage annotations on routes', () => {
  it("gives an Application without annotations its Ingress's tile, the href defaulting to the Ingress host", async () => {
    // The Application itself carries only the panel's auth tier (sim/seed/catalogue.ts: homepageOn).
    const application = sim.clusters.get('prod')!.store.get('argoproj.io/v1alpha1/applications', 'argocd', 'romm-prod');
    expect(Object.keys(application?.metadata.annotations ?? {}).filter((k) => !k.startsWith('argocd.'))).toEqual(['panel.homelab/auth-tier']);
    await until(() => app('romm-prod').meta.displayName === 'RomM', 5_000, 'RomM from its Ingress');
    expect(app('romm-prod').meta).toEqual({ displayName: 'RomM', description: 'Retro games library', url: 'https://romm.home.arpa/', icon: 'gamepad', group: 'Media', audience: 'family', authTier: 2 });
    expect(app('romm-dev').meta).toMatchObject({ displayName: 'RomM', url: 'https://romm.home.arpa/' });
  });

  it("reads an HTTPRoute tied by Argo CD's tracking-id annotation", () => {
    expect(app('comet-cloud').meta).toMatchObject({ displayName: 'Comet', url: 'https://comet.homelab.example/', group: 'Media', audience: 'family' });
  });

  it('skips HTTPRoutes quietly on a cluster without the Gateway API: the cluster stays reachable', () => {
    const dev = store.summaries().find((c) => c.name === 'dev')!;
    expect(dev.freshness).toMatchObject({ reachable: true, lastError: null });
    expect(what(store, 'dev', 'httproutes').lists).toBe(0);
    expect(what(store, 'dev', 'ingresses').lists).toBe(1);
    expect(what(store, 'cloud', 'httproutes').lists).toBe(1);
  });

  it('follows the route through its watch: a changed annotation, then the route deleted', async () => {
    const prod = sim.clusters.get('prod')!;
    prod.store.update('networking.k8s.io/v1/ingresses', 'home', 'romm', (d) => {
      d.metadata.annotations = { ...d.metadata.annotations, 'gethomepage.dev/name': 'Retro games' };
    });
    await until(() => app('romm-prod').meta.displayName === 'Retro games', 5_000, 'renamed through the watch');
    prod.store.delete('networking.k8s.io/v1/ingresses', 'home', 'romm');
    await until(() => app('romm-prod').meta.displayName === 'romm-prod', 5_000, 'the tile gone with its Ingress');
    expect(app('romm-prod').meta).toMatchObject({ audience: 'admin', url: null, authTier: 2 });
    expect(what(store, 'prod', 'ingresses').lists).toBe(1); // followed by events, not relists
  });
});

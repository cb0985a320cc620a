// The live store against the simulator: resume after a cut without relisting, relist on 410, one
// cluster down marks only its cards stale, and health history written once with two replicas.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '@/sim/index';
import { createTestDatabase, type TestDatabase } from '@/test/databases';
import { openDatabase } from '../db';
import type { LiveStore } from './store';
import { storeFor, until } from '@/test/live-support';

let sim: Simulator;
let dir: string;
let tdb: TestDatabase;
let opened: Awaited<ReturnType<typeof openDatabase>>;
const stores: LiveStore[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'live-store-'));
  sim = await startSimulator({ dir, syncDelayMs: 200 });
  tdb = await createTestDatabase('postgres');
  opened = await openDatabase({ url: tdb.url, embeddedDir: tdb.embeddedDir, migrationsDir: path.resolve('prisma/migrations') });
});

afterAll(async () => {
  for (const s of stores) await s.stop();
  await sim?.close();
  await opened?.client.$disconnect();
  await tdb?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function started(withDb = true): Promise<LiveStore> {
  const s = storeFor(sim, withDb ? opened.client : null).start();
  stores.push(s);
  await until(() => s.summaries().every((c) => c.freshness.reachable && c.nodesTotal > 0) && s.appList().length > 0 && s.proxmoxState().freshness.reachable, 15_000, 'store ready');
  return s;
}

const podsWatcher = (s: LiveStore, cluster: string) => s.watchers(cluster).find((w) => (w as unknown as { o: { what: string } }).o.what === 'pods')!;

describe('live store against the simulator', () => {
  it('reads clusters, apps and Proxmox into summaries', async () => {
    const s = await started(false);
    const prod = s.summaries().find((c) => c.name === 'prod')!;
    expect(prod).toMatchObject({ nodesTotal: 2, nodesReady: 2, versions: { kubernetes: 'v1.32.1', talos: 'v1.9.2' } });
    expect(prod.pods.total).toBeGreaterThan(5);
    await until(() => s.summaries().find((c) => c.name === 'prod')?.memUsedBytes, 5_000, 'metrics');
    expect(s.appList().find((a) => a.name === 'navidrome-cloud')).toMatchObject({ cluster: 'cloud', health: 'Healthy', meta: { displayName: 'Music', audience: 'family' } });
    const pve = s.proxmoxState();
    expect(pve.vms.find((v) => v.vmid === 300)).toMatchObject({ running: false, gpu: true, tags: ['gaming'] });
    await s.stop();
  });

  it('resumes a cut watch from the last resourceVersion without relisting', async () => {
    const s = await started(false);
    const prodSim = sim.clusters.get('prod')!;
    const w = podsWatcher(s, 'prod');
    // Every watch of prod connected (the TLS handshake makes them open a little after the lists).
    await until(() => prodSim.openWatches() >= s.watchers('prod').length, 5_000, 'watches open');
    const [lists, watches] = [w.lists, w.watches];
    expect(prodSim.cutWatches()).toBeGreaterThan(0); // abrupt: the client sees an error, not a clean end
    const pod = prodSim.store.list('v1/pods').find((p) => p.metadata.namespace === 'home')!;
    prodSim.restartPod('home', pod.metadata.name);
    await until(() => s.detail('prod')!.pods.restarts > 0 && w.watches > watches, 5_000, 'restart seen after resume');
    expect(w.lists).toBe(lists);
    await s.stop();
  });

  it('relists after 410 Gone', async () => {
    const s = await started(false);
    const devSim = sim.clusters.get('dev')!;
    const w = podsWatcher(s, 'dev');
    const lists = w.lists;
    devSim.setNodeReady('talos-dev', false);
    devSim.expireHistory();
    devSim.cutWatches();
    await until(() => w.lists === lists + 1, 5_000, 'relist');
    await until(() => s.summaries().find((c) => c.name === 'dev')!.nodesReady === 0, 5_000, 'node NotReady after relist');
    devSim.setNodeReady('talos-dev', true);
    await until(() => s.summaries().find((c) => c.name === 'dev')!.nodesReady === 1, 5_000, 'node Ready again');
    await s.stop();
  });

  it('a cluster going down marks only that cluster stale, with its last good time, and is recorded once', async () => {
    const s = await started();
    const before = s.summaries().find((c) => c.name === 'cloud')!.freshness.lastSuccess;
    sim.clusters.get('cloud')!.setReachable(false);
    try {
      await until(() => !s.summaries().find((c) => c.name === 'cloud')!.freshness.reachable, 5_000, 'cloud stale');
      const byName = Object.fromEntries(s.summaries().map((c) => [c.name, c.freshness]));
      expect(byName.cloud.lastSuccess).toBeGreaterThanOrEqual(before!);
      expect(byName.cloud.lastError).toMatch(/cloud/);
      expect(byName.prod.reachable).toBe(true);
      expect(byName.dev.reachable).toBe(true);
      expect(s.appsFreshness().reachable).toBe(true);
      expect(s.summaries().find((c) => c.name === 'cloud')!.nodesTotal).toBe(2); // last good data kept
    } finally {
      sim.clusters.get('cloud')!.setReachable(true);
    }
    await until(() => s.summaries().find((c) => c.name === 'cloud')!.freshness.reachable, 5_000, 'cloud back');
    await s.o.history!.flush();
    const rows = await opened.client.clusterReachability.findMany({ where: { cluster: 'cloud' }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.reachable)).toEqual([true, false, true]);
    await s.stop();
  });

  it('writes each health transition once, even with two store instances', async () => {
    const [a, b] = await Promise.all([started(), started()]);
    const app = 'navidrome-cloud';
    sim.clusters.get('prod')!.setAppStatus(app, { health: 'Degraded', message: 'simulated' });
    await until(() => [a, b].every((s) => s.appList().find((x) => x.name === app)?.health === 'Degraded'), 5_000, 'both see Degraded');
    sim.clusters.get('prod')!.setAppStatus(app, { health: 'Healthy' });
    await until(() => [a, b].every((s) => s.appList().find((x) => x.name === app)?.health === 'Healthy'), 5_000, 'both see Healthy');
    await Promise.all([a.o.history!.flush(), b.o.history!.flush()]);
    const rows = await opened.client.healthTransition.findMany({ where: { app }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.fromHealth, r.toHealth])).toEqual([
      [null, 'Healthy'],
      ['Healthy', 'Degraded'],
      ['Degraded', 'Healthy'],
    ]);
    expect(rows[0].cluster).toBe('cloud');
    // Every app has exactly one initial row, whatever the number of replicas; a restart adds none.
    const total = await opened.client.healthTransition.count();
    const c = await started();
    await new Promise((r) => setTimeout(r, 200));
    await c.o.history!.flush();
    expect(await opened.client.healthTransition.count()).toBe(total);
    const perApp = await opened.client.healthTransition.groupBy({ by: ['app'], where: { fromHealth: null }, _count: true });
    expect(perApp.every((g) => g._count === 1)).toBe(true);
  });
});

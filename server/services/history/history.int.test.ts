// The history verbs on a live store fed by the simulator and a real database (PGlite): a service
// going down and up shows as an outage and a lower uptime; the sampler records the mode the
// simulated host is in; the verbs check the caller and the input.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, GiB } from '@/lib/capacity';
import { startSimulator, type Simulator } from '@/sim/index';
import { createTestDatabase, type TestDatabase } from '@/test/databases';
import { GUEST, MARIE, PAUL, testCtx } from '@/test/ctx';
import { storeFor, until } from '@/test/live-support';
import type { Actor } from '../../context';
import { openDatabase } from '../../db';
import { sampleInput } from '../../jobs/history';
import type { LiveCtx } from '../../live/ctx';
import type { LiveStore } from '../../live/store';
import { getClusterHistory } from './get-cluster-history';
import { getMemoryHistory } from './get-memory-history';
import { getServiceHistory } from './get-service-history';
import { sampleHistory } from './internal/sample';

let sim: Simulator;
let dir: string;
let store: LiveStore;
let tdb: TestDatabase;
let opened: Awaited<ReturnType<typeof openDatabase>>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-svc-'));
  sim = await startSimulator({ dir });
  tdb = await createTestDatabase('pglite');
  opened = await openDatabase({ url: tdb.url, embeddedDir: tdb.embeddedDir, migrationsDir: path.resolve('prisma/migrations') });
  store = storeFor(sim, opened.client).start();
  await until(() => store.summaries().every((c) => c.freshness.reachable && c.nodesTotal > 0) && store.appList().length > 40 && store.proxmoxState().freshness.reachable, 15_000, 'store ready');
});

afterAll(async () => {
  await store?.stop();
  await sim?.close();
  await opened?.client.$disconnect();
  await opened?.embedded?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ctx = (actor: Actor | null): LiveCtx => ({ ...testCtx(opened.client, actor), live: () => store, templates: () => null, capacity: () => DEFAULT_SETTINGS });
const app = 'navidrome-cloud';
const healthOf = () => store.appList().find((a) => a.name === app)?.health;

describe('history services', () => {
  it('samples what the simulated homelab runs: Testing mode, every node ready', async () => {
    const r = await sampleHistory(opened.client, sampleInput(store, DEFAULT_SETTINGS.reserveBytes));
    expect(r.sampled).toBe(true);
    const mem = await getMemoryHistory(testCtx(opened.client, PAUL));
    expect(mem.points).toHaveLength(1);
    expect(mem.points[0]).toMatchObject({ mode: 'Testing', dev: 4 * GiB });
    expect(mem.totalBytes).toBe(64 * GiB);
    const prod = await getClusterHistory({ name: 'prod' }, ctx(PAUL));
    expect(prod.nodes.filter((b) => b.minReady !== null)).toHaveLength(1);
    expect(prod.nodes.find((b) => b.minReady !== null)).toMatchObject({ state: 'up' });
  });

  it('a service down then up: one outage, uptime below 100 %', async () => {
    const before = await getServiceHistory({ cluster: 'cloud', app }, ctx(PAUL));
    expect(before.day.outages).toEqual([]);
    expect(before.day.uptime.ratio).toBe(1);
    const cloud = sim.clusters.get('prod')!;
    cloud.setAppStatus(app, { health: 'Degraded', message: 'simulated' });
    await until(() => healthOf() === 'Degraded', 5_000, 'Degraded seen');
    await new Promise((r) => setTimeout(r, 300));
    cloud.setAppStatus(app, { health: 'Healthy' });
    await until(() => healthOf() === 'Healthy', 5_000, 'Healthy seen');
    await until(async () => (await getServiceHistory({ cluster: 'cloud', app }, ctx(PAUL))).day.outages.length === 1, 5_000, 'outage recorded');
    const after = await getServiceHistory({ cluster: 'cloud', app }, ctx(PAUL));
    expect(after.day.uptime.ratio).toBeLessThan(1);
    expect(after.day.outages[0].to - after.day.outages[0].from).toBeGreaterThanOrEqual(250);
    expect(after.day.outages[0].to).toBeLessThan(after.day.to);
    expect(after.week.outages).toHaveLength(1);
  });

  it('checks the caller and the input', async () => {
    await expect(getServiceHistory({ cluster: 'cloud', app }, ctx(GUEST))).rejects.toMatchObject({ code: 'forbidden' });
    // The family reads health in plain words on the home page; the history pages are the admin's, like /services.
    await expect(getServiceHistory({ cluster: 'cloud', app }, ctx(MARIE))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(getServiceHistory({ cluster: 'cloud', app }, ctx(null))).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(getServiceHistory({ cluster: 'CLOUD!', app }, ctx(PAUL))).rejects.toMatchObject({ code: 'validation' });
    await expect(getServiceHistory({ cluster: 'cloud', app: 'nope' }, ctx(PAUL))).rejects.toMatchObject({ code: 'not_found' });
    await expect(getClusterHistory({ name: 'mars' }, ctx(PAUL))).rejects.toMatchObject({ code: 'not_found' });
    await expect(getMemoryHistory(testCtx(opened.client, GUEST))).rejects.toMatchObject({ code: 'forbidden' });
  });
});

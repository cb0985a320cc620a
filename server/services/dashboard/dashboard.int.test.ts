// The dashboard services on a live store fed by the simulator: role-aware home, server-side
// filtering, 4xx on bad input, Proxmox down in plain terms.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '@/sim/index';
import { createTestDatabase, type TestDatabase } from '@/test/databases';
import { GUEST, MARIE, PAUL, testCtx } from '@/test/ctx';
import { DEFAULT_SETTINGS } from '@/lib/capacity';
import type { Actor } from '../../context';
import { openDatabase } from '../../db';
import type { LiveCtx } from '../../live/ctx';
import type { LiveStore } from '../../live/store';
import { storeFor, until } from '@/test/live-support';
import { listApps } from '../apps/list-apps';
import { getCapacity } from '../capacity/get-capacity';
import { getCluster } from '../clusters/get-cluster';
import { getHome } from './get-home';

let sim: Simulator;
let dir: string;
let store: LiveStore;
let tdb: TestDatabase;
let opened: Awaited<ReturnType<typeof openDatabase>>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dash-svc-'));
  sim = await startSimulator({ dir });
  tdb = await createTestDatabase('pglite');
  opened = await openDatabase({ url: tdb.url, embeddedDir: tdb.embeddedDir, migrationsDir: path.resolve('prisma/migrations') });
  store = storeFor(sim, null).start();
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

describe('dashboard services', () => {
  it('home: family tiles and plain health for everyone, cluster cards and capacity for admins only', async () => {
    const family = await getHome(ctx(MARIE));
    expect(family.firstName).toBe('Marie');
    expect(family.admin).toBeNull();
    expect(family.tiles.map((t) => t.name)).toContain('Music');
    expect(family.tiles.every((t) => t.url.startsWith('https://'))).toBe(true);
    expect(family.tiles.find((t) => t.name === 'Grafana')).toBeUndefined();
    expect(family.health).toEqual({ kind: 'ok' });
    const admin = await getHome(ctx(PAUL));
    expect(admin.admin?.clusters.map((c) => c.name).sort()).toEqual(['cloud', 'dev', 'prod']);
    expect(admin.admin?.capacity.proxmox.capacity?.mode).toBe('Testing');
    await expect(getHome(ctx(GUEST))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(getHome(ctx(null))).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('services: filters and pages on the server; bad filters are 400s naming the field; the admin\'s page only', async () => {
    await expect(listApps({}, ctx(MARIE))).rejects.toMatchObject({ code: 'forbidden' });
    const all = await listApps({}, ctx(PAUL));
    expect(all.total).toBe(all.all);
    const cloud = await listApps({ cluster: 'cloud', q: 'navi' }, ctx(PAUL));
    expect(cloud.items.map((a) => a.name)).toEqual(['navidrome-cloud']);
    const paged = await listApps({ size: '10', page: '2' }, ctx(PAUL));
    expect(paged).toMatchObject({ page: 2, size: 10 });
    expect(paged.items).toHaveLength(10);
    await expect(listApps({ health: 'Sick' }, ctx(PAUL))).rejects.toMatchObject({ code: 'validation', message: expect.stringContaining('health') });
    await expect(listApps({ size: '100000' }, ctx(PAUL))).rejects.toMatchObject({ code: 'validation' });
    await expect(listApps({ evil: '1' }, ctx(PAUL))).rejects.toMatchObject({ code: 'validation' });
  });

  it('cluster detail: nodes, apps of that cluster; unknown or malformed names are 404 / 400', async () => {
    const prod = await getCluster({ name: 'prod' }, ctx(PAUL));
    expect(prod.nodes.map((n) => n.name)).toEqual(['talos-prod-cp', 'talos-prod-worker-1']);
    expect(prod.appList.every((a) => a.cluster === 'prod')).toBe(true);
    expect(prod.templateChecked).toBe(false);
    await expect(getCluster({ name: 'nope' }, ctx(PAUL))).rejects.toMatchObject({ code: 'not_found' });
    await expect(getCluster({ name: '../etc' }, ctx(PAUL))).rejects.toMatchObject({ code: 'validation' });
  });

  it('capacity: Proxmox down shows no figures but keeps its last good time; OCI still works', async () => {
    const up = await getCapacity(ctx(PAUL));
    expect(up.proxmox.capacity?.totalBytes).toBe(64 * 1024 ** 3);
    expect(up.oci.capacity?.allocatableBytes).toBeGreaterThan(0);
    sim.proxmox.faults.set({ down: true });
    try {
      await until(() => !store.proxmoxState().freshness.reachable, 5_000, 'proxmox down');
      const down = await getCapacity(ctx(PAUL));
      expect(down.proxmox.capacity).toBeNull();
      expect(down.proxmox.freshness.lastSuccess).not.toBeNull();
      expect(down.oci.capacity).not.toBeNull();
    } finally {
      sim.proxmox.faults.reset();
    }
    await until(() => store.proxmoxState().freshness.reachable, 5_000, 'proxmox back');
  });
});

// Health history on both database kinds: transitions once per (cluster, app, resourceVersion)
// whatever the number of writers, a restart compares with the last row, reachability once per change.
import { describe, expect, it } from 'vitest';
import type { AppDto } from '@/lib/live/types';
import { DB_KINDS, useTestDatabase } from '@/test/databases';
import { HistoryWriter, writeReachability } from './history';

const app = (health: AppDto['health'], rv: string, o: Partial<AppDto> = {}): AppDto => ({
  name: 'komga-dev', appNamespace: 'argocd', cluster: 'dev', namespace: 'home', sync: 'Synced', health, healthSince: 1_700_000_000_000, revision: 'abc', images: ['gotson/komga:1.16.0'],
  meta: { displayName: 'Komga', description: null, url: null, icon: null, group: null, audience: 'family', authTier: 2 }, resourceVersion: rv, ...o,
});

describe.each(DB_KINDS)('health history on %s', (kind) => {
  const database = useTestDatabase(kind);

  it('two writers seeing the same transitions write each one once; a restart writes nothing new', async () => {
    const writers = [new HistoryWriter(async () => database().client, 5), new HistoryWriter(async () => database().client, 5)];
    for (const w of writers) {
      w.app(undefined, app('Healthy', '10'));
      w.app(app('Healthy', '10'), app('Degraded', '11'));
      w.app(app('Degraded', '11'), app('Healthy', '12'));
    }
    await Promise.all(writers.map((w) => w.flush()));
    const rows = await database().client.healthTransition.findMany({ where: { app: 'komga-dev' }, orderBy: { at: 'asc' } });
    expect(rows.map((r) => [r.fromHealth, r.toHealth, r.resourceVersion])).toEqual([
      [null, 'Healthy', '10'],
      ['Healthy', 'Degraded', '11'],
      ['Degraded', 'Healthy', '12'],
    ]);
    expect(rows[0].at.getTime()).toBe(1_700_000_000_000); // first sight: Argo's lastTransitionTime
    const restarted = new HistoryWriter(async () => database().client, 5);
    restarted.app(undefined, app('Healthy', '13'));
    await restarted.flush();
    expect(await database().client.healthTransition.count({ where: { app: 'komga-dev' } })).toBe(3);
    restarted.app(undefined, app('Progressing', '14', { sync: 'OutOfSync' }));
    await restarted.flush();
    const last = await database().client.healthTransition.findFirst({ where: { app: 'komga-dev' }, orderBy: { id: 'desc' } });
    expect(last).toMatchObject({ fromHealth: 'Healthy', toHealth: 'Progressing', fromSync: 'Synced', toSync: 'OutOfSync' });
  });

  it('records a reachability change once, however many replicas report it', async () => {
    const at = new Date();
    const results = await Promise.all([true, true, true].map((r) => writeReachability(database().client, 'cloud', r, null, at)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await writeReachability(database().client, 'cloud', false, 'down', new Date())).toBe(true);
    expect(await writeReachability(database().client, 'cloud', false, 'down', new Date())).toBe(false);
    const rows = await database().client.clusterReachability.findMany({ where: { cluster: 'cloud' }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.reachable)).toEqual([true, false]);
  });
});

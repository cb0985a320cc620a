import { describe, expect, it } from 'vitest';
import { GiB, proxmoxCapacity } from '@/lib/capacity';
import { HISTORY_RETENTION_MS, MIN_SAMPLE_GAP_MS, SAMPLE_EVERY_MS, WATCH_GAP_MS } from '@/lib/history/limits';
import type { VmDto } from '@/lib/live/types';
import { DB_KINDS, useTestDatabase } from '@/test/databases';
import { runAsLeader } from '../../jobs/leader';
import { sampleHistory, type SampleInput } from './internal/sample';

const vm = (name: string, tags: string[], gib: number, running: boolean): VmDto => ({ vmid: name.length, name, running, memMaxBytes: gib * GiB, memUsedBytes: 0, cores: 4, tags, gpu: false });
const testing: SampleInput = {
  host: proxmoxCapacity(64 * GiB, [vm('dev-cp', ['dev'], 4, true), vm('prod-cp', ['prod'], 16, true), vm('win', ['gaming'], 32, false)], 12 * GiB),
  clusters: [
    { name: 'dev', reachable: true, ready: 1, total: 1 },
    { name: 'prod', reachable: true, ready: 2, total: 3 },
  ],
};
const T0 = new Date('2026-11-20T12:00:00Z').getTime();
const at = (ms: number) => new Date(T0 + ms);

describe.each(DB_KINDS)('history sampler on %s', (kind) => {
  const database = useTestDatabase(kind);

  it('records the host memory by mode and the ready nodes, at most once per interval', async () => {
    const db = database().client;
    expect((await sampleHistory(db, testing, at(0))).sampled).toBe(true);
    expect((await sampleHistory(db, testing, at(60_000))).sampled).toBe(false);
    expect((await sampleHistory(db, testing, at(MIN_SAMPLE_GAP_MS - 1))).sampled).toBe(false);
    expect((await sampleHistory(db, testing, at(SAMPLE_EVERY_MS))).sampled).toBe(true);
    const host = await db.hostMemorySample.findMany({ orderBy: { at: 'asc' } });
    expect(host).toHaveLength(2);
    expect(host[0]).toMatchObject({ mode: 'Testing', devBytes: BigInt(4 * GiB), prodBytes: BigInt(16 * GiB), gamingBytes: 0n, totalBytes: BigInt(64 * GiB) });
    const nodes = await db.nodeReadySample.findMany({ where: { cluster: 'prod' } });
    expect(nodes.map((n) => [n.ready, n.total])).toEqual([
      [2, 3],
      [2, 3],
    ]);
  });

  it('concurrent rounds (two replicas, a restart) write one round of samples', async () => {
    const db = database().client;
    const when = at(10 * SAMPLE_EVERY_MS);
    const results = await Promise.all([1, 2, 3, 4].map(() => sampleHistory(db, testing, when)));
    expect(results.filter((r) => r.sampled)).toHaveLength(1);
    expect(await db.hostMemorySample.count({ where: { at: when } })).toBe(1);
  });

  it('keeps watch periods: extended while ticking, a new one after a gap', async () => {
    const db = database().client;
    await db.watchPeriod.deleteMany();
    const base = 100 * SAMPLE_EVERY_MS;
    await sampleHistory(db, testing, at(base));
    await sampleHistory(db, testing, at(base + SAMPLE_EVERY_MS));
    await sampleHistory(db, testing, at(base + 2 * SAMPLE_EVERY_MS));
    await sampleHistory(db, testing, at(base + 2 * SAMPLE_EVERY_MS + WATCH_GAP_MS + 1));
    const periods = await db.watchPeriod.findMany({ orderBy: { startedAt: 'asc' } });
    expect(periods.map((p) => [p.startedAt.getTime() - T0, p.lastSeenAt.getTime() - T0])).toEqual([
      [base, base + 2 * SAMPLE_EVERY_MS],
      [base + 2 * SAMPLE_EVERY_MS + WATCH_GAP_MS + 1, base + 2 * SAMPLE_EVERY_MS + WATCH_GAP_MS + 1],
    ]);
  });

  it('drops samples and watch periods older than the retention, and nothing newer', async () => {
    const db = database().client;
    await db.hostMemorySample.deleteMany();
    await db.nodeReadySample.deleteMany();
    await db.watchPeriod.deleteMany();
    const start = 1_000 * SAMPLE_EVERY_MS;
    await sampleHistory(db, testing, at(start));
    await sampleHistory(db, testing, at(start + SAMPLE_EVERY_MS));
    const later = start + SAMPLE_EVERY_MS + HISTORY_RETENTION_MS + 1;
    const r = await sampleHistory(db, { host: null, clusters: [] }, at(later));
    expect(r.deleted).toBeGreaterThanOrEqual(1 + 2 * 2 + 1);
    expect(await db.hostMemorySample.count()).toBe(0);
    expect(await db.nodeReadySample.count()).toBe(0);
    const periods = await db.watchPeriod.findMany();
    expect(periods).toHaveLength(1);
    expect(periods[0].startedAt.getTime()).toBe(T0 + later);
  });

  it('a job ticking every 20 ms still writes one round per interval', async () => {
    const db = database().client;
    await db.hostMemorySample.deleteMany();
    await db.nodeReadySample.deleteMany();
    let inFlight = 0;
    const tick = async (c: typeof db) => {
      inFlight++;
      await sampleHistory(c, testing).finally(() => inFlight--);
    };
    const job = runAsLeader(async () => db, 'history.test', 20, tick, 'sampler-a');
    await new Promise((r) => setTimeout(r, 400));
    job.stop();
    await expect.poll(() => inFlight).toBe(0); // no round left running when the database closes
    expect(await db.hostMemorySample.count()).toBe(1);
    expect(await db.nodeReadySample.count()).toBe(2);
  });
});

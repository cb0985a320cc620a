import { describe, expect, it } from 'vitest';
import { DB_KINDS, useTestDatabase } from '@/test/databases';
import { LEASE_SLACK_MS, releaseLeases, runAsLeader, tryLead } from './leader';

describe.each(DB_KINDS)('job leadership on %s', (kind) => {
  const database = useTestDatabase(kind);

  it('gives a job to exactly one of several contenders, and keeps it with its holder', async () => {
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((who) => tryLead(database().client, 'job-x', 60_000, who)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const leader = ['a', 'b', 'c', 'd'][results.indexOf(true)];
    expect(await tryLead(database().client, 'job-x', 60_000, leader)).toBe(true);
    expect(await tryLead(database().client, 'job-x', 60_000, leader === 'a' ? 'b' : 'a')).toBe(false);
  });

  it('hands the job over once the lease has expired', async () => {
    expect(await tryLead(database().client, 'job-y', 1, 'first')).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(await tryLead(database().client, 'job-y', 60_000, 'second')).toBe(true);
    expect(await tryLead(database().client, 'job-y', 60_000, 'first')).toBe(false);
  });

  it('a stopped process hands its lease back: the other runner runs the job on its next tick', async () => {
    const db = database().client;
    const ticks = { a: 0, b: 0 };
    // A leads with a one-minute lease: without the hand-over, B would wait a minute.
    const a = runAsLeader(async () => db, 'job-z', 60_000, async () => void ticks.a++, 'runner-a');
    await expect.poll(() => ticks.a).toBe(1);
    const b = runAsLeader(async () => db, 'job-z', 100, async () => void ticks.b++, 'runner-b');
    await new Promise((r) => setTimeout(r, 400));
    expect(ticks.b).toBe(0);
    a.stop();
    expect(await releaseLeases(db, ['runner-a'])).toBe(1);
    await expect.poll(() => ticks.b, { timeout: 5_000 }).toBeGreaterThan(0);
    b.stop();
  });

  it("a crashed leader's lease runs for one interval (plus a little slack), not three", async () => {
    const db = database().client;
    expect(await tryLead(db, 'job-w', 2_000, 'crashed')).toBe(true);
    const rows = await db.$queryRaw<{ ms: number }[]>`SELECT (EXTRACT(EPOCH FROM (until - now())) * 1000)::float8 AS ms FROM job_leases WHERE name = 'job-w'`;
    expect(rows[0].ms).toBeLessThanOrEqual(2_000);
    const ticks: string[] = [];
    const h = runAsLeader(async () => db, 'job-w', 2_000, async () => void ticks.push('fresh'), 'fresh');
    await expect.poll(() => ticks.length, { timeout: 2_000 + LEASE_SLACK_MS + 3_000 }).toBeGreaterThan(0);
    h.stop();
  });
});

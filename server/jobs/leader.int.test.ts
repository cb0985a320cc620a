import { describe, expect, it } from 'vitest';
import { DB_KINDS, useTestDatabase } from '@/test/databases';
import { tryLead } from './leader';

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
});

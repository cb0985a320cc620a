import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '@/test/databases';
import { openDatabase } from '../db';
import { tryLead } from './leader';

describe.each(DB_KINDS)('job leadership on %s', (kind) => {
  let tdb: TestDatabase;
  let opened: Awaited<ReturnType<typeof openDatabase>>;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    opened = await openDatabase({ url: tdb.url, embeddedDir: tdb.embeddedDir, migrationsDir: path.resolve('prisma/migrations') });
  });
  afterAll(async () => {
    await opened?.client.$disconnect();
    await opened?.embedded?.close();
    await tdb?.drop();
  });

  it('gives a job to exactly one of several contenders, and keeps it with its holder', async () => {
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((who) => tryLead(opened.client, 'job-x', 60_000, who)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const leader = ['a', 'b', 'c', 'd'][results.indexOf(true)];
    expect(await tryLead(opened.client, 'job-x', 60_000, leader)).toBe(true);
    expect(await tryLead(opened.client, 'job-x', 60_000, leader === 'a' ? 'b' : 'a')).toBe(false);
  });

  it('hands the job over once the lease has expired', async () => {
    expect(await tryLead(opened.client, 'job-y', 1, 'first')).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(await tryLead(opened.client, 'job-y', 60_000, 'second')).toBe(true);
    expect(await tryLead(opened.client, 'job-y', 60_000, 'first')).toBe(false);
  });
});

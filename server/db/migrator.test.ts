import { PGlite } from '@electric-sql/pglite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checksum, migrate, MigrationError, type Migration, type SqlClient } from './migrator';

// Runs the migrator against an in-memory PGlite (a real PostgreSQL), through the same SqlClient shape.
let pglite: PGlite;
let client: SqlClient;

beforeEach(async () => {
  pglite = await PGlite.create();
  client = {
    async query(sql: string, params?: unknown[]) {
      if (params?.length) return { rows: (await pglite.query(sql, params)).rows as never[] };
      const results = await pglite.exec(sql);
      return { rows: (results.at(-1)?.rows ?? []) as never[] };
    },
  };
}, 60_000);
afterEach(async () => {
  await pglite.close();
});

const m = (name: string, sql: string): Migration => ({ name, sql, checksum: checksum(sql) });
const one = m('20260101000000_one', 'CREATE TABLE a (id int);');
const two = m('20260102000000_two', 'ALTER TABLE a ADD COLUMN b text; CREATE TABLE c (id int);');

// PGlite boots in a second or two; on a busy 2-core machine, more.
describe('the migrator', { timeout: 60_000 }, () => {
  it('applies migrations in order and records them as Prisma does', async () => {
    const r = await migrate(client, [one, two]);
    expect(r.applied).toEqual([one.name, two.name]);
    const rows = (await pglite.query<{ migration_name: string; checksum: string; applied_steps_count: number; finished_at: Date | null }>(
      'SELECT migration_name, checksum, applied_steps_count, finished_at FROM _prisma_migrations ORDER BY started_at, migration_name',
    )).rows;
    expect(rows.map((x) => x.migration_name)).toEqual([one.name, two.name]);
    expect(rows[0].checksum).toBe(one.checksum);
    expect(rows.every((x) => x.finished_at !== null && x.applied_steps_count === 1)).toBe(true);
    await pglite.query('INSERT INTO a (id, b) VALUES (1, $1)', ['x']);
  });

  it('is idempotent on re-run and applies only what is new', async () => {
    await migrate(client, [one]);
    const again = await migrate(client, [one, two]);
    expect(again).toEqual({ applied: [two.name], alreadyApplied: [one.name] });
    expect((await migrate(client, [one, two])).applied).toEqual([]);
  });

  it('refuses a migration that was edited after it was applied', async () => {
    await migrate(client, [one]);
    const edited = m(one.name, 'CREATE TABLE a (id bigint);');
    await expect(migrate(client, [edited])).rejects.toThrow(/was edited after it was applied/);
  });

  it('refuses a database with migrations this build does not know', async () => {
    await migrate(client, [one, two]);
    await expect(migrate(client, [one])).rejects.toBeInstanceOf(MigrationError);
  });

  it('rolls back everything when a migration fails', async () => {
    const bad = m('20260103000000_bad', 'CREATE TABLE d (id int); SELECT * FROM missing_table;');
    await expect(migrate(client, [one, bad])).rejects.toThrow(/20260103000000_bad failed/);
    const tables = (await pglite.query<{ n: string }>("SELECT count(*)::text AS n FROM information_schema.tables WHERE table_name IN ('a','d')")).rows;
    expect(tables[0].n).toBe('0');
    expect((await migrate(client, [one])).applied).toEqual([one.name]);
  });
});

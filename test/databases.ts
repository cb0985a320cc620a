// Test databases: a fresh database with a random name on the real PostgreSQL (dropped after), or a
// fresh in-memory PGlite served through pglite-socket — the two modes the panel runs in.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import pg from 'pg';
import { startEmbeddedPostgres } from '@/server/db/embedded';

export type DbKind = 'postgres' | 'pglite';
export const DB_KINDS: DbKind[] = ['postgres', 'pglite'];

export interface TestDatabase {
  url?: string;
  embeddedDir: string;
  drop(): Promise<void>;
}

const ADMIN_URL = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export async function createTestDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === 'pglite') return { embeddedDir: 'memory://', drop: async () => undefined };
  const name = `panel_test_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    embeddedDir: 'unused',
    drop: async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export { startEmbeddedPostgres };

export interface OpenedTestDatabase {
  client: import('@/server/db').Db;
  embedded?: { close(): Promise<void> };
}

/**
 * A fresh migrated database of the given kind for one test file: opened before all tests, closed and
 * dropped after. Call at describe level; the getter is valid inside tests and hooks.
 */
export function useTestDatabase(kind: DbKind): () => OpenedTestDatabase {
  let tdb: TestDatabase | undefined;
  let opened: OpenedTestDatabase | undefined;
  beforeAll(async () => {
    const { openDatabase } = await import('@/server/db');
    tdb = await createTestDatabase(kind);
    opened = await openDatabase({ url: tdb.url, embeddedDir: tdb.embeddedDir, migrationsDir: path.resolve('prisma/migrations') });
  });
  afterAll(async () => {
    await opened?.client.$disconnect();
    await opened?.embedded?.close();
    await tdb?.drop();
  });
  return () => {
    if (!opened) throw new Error('the test database is not open yet');
    return opened;
  };
}

import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { config } from './env';
import { createBreaker, guardPool } from './db/breaker';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded';
import { migrate, readMigrations } from './db/migrator';
import { PrismaClient } from './generated/prisma/client';
import { log } from './log';

// The Prisma client singleton. The database is opened (embedded PGlite when no DATABASE_URL) and
// migrated once per process, on first use or at boot from instrumentation.ts.

export type Db = PrismaClient;

interface DbState {
  client: PrismaClient;
  embedded?: EmbeddedPostgres;
  url: string;
}

const globalForDb = globalThis as unknown as { __panelDb?: Promise<DbState> };

export async function openDatabase(opts: { url?: string; embeddedDir: string; migrationsDir: string }): Promise<DbState> {
  const embedded = opts.url ? undefined : await startEmbeddedPostgres(opts.embeddedDir);
  const url = opts.url ?? embedded!.url;
  const migrator = new pg.Client({ connectionString: url });
  await migrator.connect();
  try {
    const result = await migrate(migrator, readMigrations(opts.migrationsDir));
    if (result.applied.length) log.info({ applied: result.applied }, 'database migrations applied');
  } finally {
    await migrator.end();
  }
  // PGlite serves one connection at a time: one pooled connection keeps transactions intact.
  // A database that stops answering must not hold requests: connecting, each query (client side, for a
  // hung network) and each statement (server side) are bounded; a timed-out connection is replaced.
  // Once a query found the database away, the breaker fails the next ones at once for 5 s instead of
  // letting each wait its own bound (server/db/breaker.ts); the adapter ends the pool on $disconnect.
  const pool = new pg.Pool({
    connectionString: url,
    max: embedded ? 1 : 10,
    connectionTimeoutMillis: 5_000,
    query_timeout: 5_000,
    statement_timeout: 4_500, // below query_timeout: a slow statement is cancelled by the server (57014), not cut by the client
    idle_in_transaction_session_timeout: 10_000,
    keepAlive: true,
  });
  pool.on('error', (err) => log.warn({ err: err.message }, 'idle database connection failed'));
  const adapter = new PrismaPg(guardPool(pool, createBreaker(5_000)), { disposeExternalPool: true });
  return { client: new PrismaClient({ adapter }), embedded, url };
}

function state(): Promise<DbState> {
  if (!globalForDb.__panelDb) {
    const cfg = config().database;
    globalForDb.__panelDb = openDatabase({ url: cfg.url, embeddedDir: cfg.embeddedDir, migrationsDir: cfg.migrationsDir });
    globalForDb.__panelDb.catch(() => {
      globalForDb.__panelDb = undefined; // let a later call retry (readyz reports it meanwhile)
    });
  }
  return globalForDb.__panelDb;
}

export async function db(): Promise<PrismaClient> {
  return (await state()).client;
}

/** For /api/readyz: a round trip to the database. */
export async function pingDatabase(): Promise<void> {
  const client = await db();
  await client.$queryRaw`SELECT 1`;
}

import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// Applies the SQL migrations in prisma/migrations (Prisma's folder format) and keeps Prisma's own
// `_prisma_migrations` bookkeeping, so `prisma migrate status/deploy` agree wherever its engine exists.
// One transaction for the whole run, under an advisory lock, so two replicas starting together are safe.

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** The subset of a `pg` client the migrator needs. */
export interface SqlClient {
  query<R extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

const LOCK_KEY = 72_617_001; // arbitrary, stable: "panel migrations"

export function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

export function readMigrations(dir: string): Migration[] {
  if (!fs.existsSync(dir)) throw new MigrationError(`migrations folder not found: ${dir}`);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: checksum(sql) };
    });
}

const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

export async function migrate(client: SqlClient, migrations: Migration[]): Promise<MigrateResult> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await client.query(BOOKKEEPING);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.map((r) => [r.migration_name, r]));
    for (const row of rows) {
      if (!row.finished_at) {
        throw new MigrationError(`migration ${row.migration_name} was started but never finished; resolve it before starting`);
      }
    }
    const known = new Set(migrations.map((m) => m.name));
    const unknown = rows.filter((r) => !known.has(r.migration_name)).map((r) => r.migration_name);
    if (unknown.length) {
      throw new MigrationError(`the database has migrations this build does not know: ${unknown.join(', ')} (is this an older version of the panel?)`);
    }
    const result: MigrateResult = { applied: [], alreadyApplied: [] };
    for (const m of migrations) {
      const row = applied.get(m.name);
      if (row) {
        if (row.checksum !== m.checksum) {
          throw new MigrationError(`migration ${m.name} was edited after it was applied (checksum differs); add a new migration instead`);
        }
        result.alreadyApplied.push(m.name);
        continue;
      }
      const id = randomUUID();
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
        [id, m.checksum, m.name],
      );
      try {
        await client.query(m.sql);
      } catch (e) {
        throw new MigrationError(`migration ${m.name} failed: ${(e as Error).message}`);
      }
      await client.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
      result.applied.push(m.name);
    }
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

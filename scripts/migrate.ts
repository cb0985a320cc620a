// `npm run db:migrate`: applies the pending migrations (prisma/migrations) to the configured database
// (database.url, or the embedded one under database.embeddedDir) and exits. The server does the same
// at start; this is for a maintenance window or an init container. Refuses an edited migration.
import { ConfigError, config } from '../server/env';
import { MigrationError, migrate, readMigrations } from '../server/db/migrator';
import { startEmbeddedPostgres } from '../server/db/embedded';
import pg from 'pg';

async function main() {
  const cfg = config().database;
  const embedded = cfg.url ? undefined : await startEmbeddedPostgres(cfg.embeddedDir);
  const client = new pg.Client({ connectionString: cfg.url ?? embedded!.url });
  await client.connect();
  try {
    const all = readMigrations(cfg.migrationsDir);
    const { applied } = await migrate(client, all);
    const where = cfg.url ? new URL(cfg.url).host : `embedded database in ${cfg.embeddedDir}`;
    process.stdout.write(applied.length ? `db:migrate: applied ${applied.join(', ')} to ${where}\n` : `db:migrate: ${where} is up to date (${all.length} migrations)\n`);
  } finally {
    await client.end();
    await embedded?.close();
  }
}

main().catch((e: unknown) => {
  const known = e instanceof ConfigError || e instanceof MigrationError;
  process.stderr.write(`db:migrate: ${known ? (e as Error).message : String((e as Error)?.stack ?? e)}\n`);
  process.exit(1);
});

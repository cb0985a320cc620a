// The privileged prune of the audit log: removes audit_events rows older than the retention
// (`audit.retentionDays`, or --days N) and anonymous_refusals windows alike. The panel itself never
// deletes audit rows: the table's trigger refuses it. This script runs as the table's owner, in one
// transaction that lifts the trigger only for its own DELETE (other sessions wait on the table lock).
//   DATABASE_URL=postgresql://owner@db/panel npx tsx scripts/audit-prune.ts --days 400 [--dry-run]
import pg from 'pg';

const args = process.argv.slice(2);
const daysArg = args.indexOf('--days');
const days = Number(daysArg >= 0 ? args[daysArg + 1] : (process.env.AUDIT_RETENTION_DAYS ?? 400));
const dryRun = args.includes('--dry-run');
const url = process.env.DATABASE_URL;
if (!url || !Number.isInteger(days) || days < 1) {
  process.stderr.write('usage: DATABASE_URL=postgresql://… npx tsx scripts/audit-prune.ts --days N [--dry-run]\n');
  process.exit(2);
}

const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  await client.query('BEGIN');
  const cutoff = new Date(Date.now() - days * 86_400_000);
  await client.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete');
  const audit = await client.query('DELETE FROM audit_events WHERE at < $1', [cutoff]);
  await client.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete');
  const anon = await client.query('DELETE FROM anonymous_refusals WHERE window_start < $1', [cutoff]);
  await client.query(dryRun ? 'ROLLBACK' : 'COMMIT');
  process.stdout.write(`${dryRun ? 'would remove' : 'removed'} ${audit.rowCount} audit rows and ${anon.rowCount} anonymous-refusal windows older than ${cutoff.toISOString()}\n`);
} catch (e) {
  await client.query('ROLLBACK').catch(() => undefined);
  process.stderr.write(`audit prune failed, nothing removed: ${(e as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await client.end();
}

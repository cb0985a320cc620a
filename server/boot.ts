import 'server-only';
import { db } from './db';
import { MigrationError } from './db/migrator';
import { config, ConfigError, exportAuthEnv, insecureUpstreams } from './env';
import { startLivenessPort } from './http/liveness';
import { installLoadShedding } from './http/shed';
import { warnInsecure } from './http/tls-fetch';
import { log } from './log';

const RETRY_MS = 5_000;

/** Background work of this replica: jobs lead themselves through job_leases where only one may run. */
async function startBackground() {
  const url = config().database.url;
  if (url) {
    const { startEventBridge } = await import('./live/bridge');
    await startEventBridge(url);
  }
  const { startLiveStore } = await import('./live');
  startLiveStore();
  const { startGamingJobs } = await import('./services/gaming/jobs');
  startGamingJobs();
  const { ensurePromotionJobs } = await import('./jobs/promotions');
  ensurePromotionJobs();
  const { ensureHistoryJob } = await import('./jobs/history');
  ensureHistoryJob();
  const { ensureNotificationJobs } = await import('./jobs/notifications');
  ensureNotificationJobs();
  const { releaseLeasesOnShutdown } = await import('./jobs/leader');
  releaseLeasesOnShutdown(db);
}

/** Opens the database, then starts the background work; while the database is away, tries again every 5 s. */
async function openAndStart(attempt = 1): Promise<void> {
  try {
    await db();
    log.info('database ready');
    await startBackground();
  } catch (e) {
    if (e instanceof MigrationError) {
      process.stderr.write(`Database migration refused: ${e.message}\n`);
      process.exit(1);
    }
    // Unreachable database: keep serving (/api/readyz says so) and start the background work once it answers.
    if (attempt === 1) log.error({ err: (e as Error).message }, 'database not reachable at start; retrying every 5 s');
    setTimeout(() => void openAndStart(attempt + 1), RETRY_MS).unref();
  }
}

/** Server start-up. A bad configuration or an edited migration stops the process with one clear line. */
export async function boot(): Promise<void> {
  try {
    const cfg = config();
    installLoadShedding(cfg.load);
    if (cfg.load.livenessPort) void startLivenessPort({ port: cfg.load.livenessPort, stallSeconds: cfg.load.stallSeconds });
    exportAuthEnv(cfg);
    warnInsecure(insecureUpstreams(cfg));
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  await openAndStart();
}

// Starts the simulator, a fresh PostgreSQL database and the built standalone panel for the e2e suite;
// tears all of it down on SIGTERM (Playwright's webServer shutdown).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { homelabConfigFromEndpoints } from '../../sim/config';
import { startSimulator, writeEndpoints } from '../../sim/index';
import { E2E_ACCESS_TOKEN_TTL_S, E2E_DIR, ENDPOINTS_FILE } from './paths';

const port = Number(process.env.PANEL_PORT ?? 3100);
const publicUrl = `http://localhost:${port}`;
// A second replica on the same database and configuration (several-replicas tests use it).
const replicaPort = port + 1;
const adminUrl = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

fs.rmSync(E2E_DIR, { recursive: true, force: true });
fs.mkdirSync(E2E_DIR, { recursive: true });

// PANEL_PORT + 2: a panel a spec starts and stops itself (e2e/promotions-after-live.spec.ts).
const sim = await startSimulator({ dir: path.join(E2E_DIR, 'sim'), panelUrls: [publicUrl, `http://localhost:${replicaPort}`, `http://localhost:${port + 2}`], accessTokenTtlSeconds: E2E_ACCESS_TOKEN_TTL_S });
writeEndpoints(ENDPOINTS_FILE, sim.endpoints);

const dbName = `panel_e2e_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${dbName}`;

const configFile = path.join(E2E_DIR, 'homelab.yaml');
fs.writeFileSync(
  configFile,
  homelabConfigFromEndpoints(sim.endpoints, {
    publicUrl,
    authSecret: randomBytes(33).toString('base64'),
    databaseUrl: dbUrl.toString(),
    // Every e2e browser signs in from 127.0.0.1: the per-IP limits are tested in integration instead.
    extra: {
      rateLimits: { mutationsPerUserPerMinute: 1000, mutationsPerIpPerMinute: 5000, signInsPerIpPerMinute: 1000 },
      // The simulated DEV bumps are hours old and the history starts empty: no soak wait in tests.
      promotion: { soakHours: 0, degradedAfterSeconds: 5, watchHours: 24 },
      // Notifications leave within a second; ready candidates are looked for every 2 s.
      notifications: { dispatchEverySeconds: 1, readyCheckSeconds: 2, retryBaseSeconds: 1, maxAttempts: 3 },
      server: { publicUrl, timeZone: 'Europe/Paris' },
    },
  }),
);

function startPanel(p: number, logName: string) {
  const log = fs.openSync(path.join(E2E_DIR, logName), 'a');
  const child = spawn(process.execPath, ['.next/standalone/server.js'], {
    env: { ...process.env, PORT: String(p), HOSTNAME: 'localhost', HOMELAB_CONFIG: configFile, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', log, log],
  });
  child.on('exit', (code) => {
    if (!stopping) {
      process.stderr.write(`panel on ${p} exited early with code ${code}; see .e2e/${logName}\n`);
      void stop(1);
    }
  });
  return child;
}
const panels = [startPanel(port, 'panel.log'), startPanel(replicaPort, 'panel-replica.log')];

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const p of panels) p.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  await sim.close();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
  await admin.end();
  process.exit(code);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
process.stdout.write(`e2e stack: panel ${publicUrl} (replica on ${replicaPort}), database ${dbName}\n`);

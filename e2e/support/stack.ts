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
const adminUrl = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

fs.rmSync(E2E_DIR, { recursive: true, force: true });
fs.mkdirSync(E2E_DIR, { recursive: true });

const sim = await startSimulator({ dir: path.join(E2E_DIR, 'sim'), panelUrls: [publicUrl], accessTokenTtlSeconds: E2E_ACCESS_TOKEN_TTL_S });
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
    extra: { rateLimits: { mutationsPerUserPerMinute: 1000, mutationsPerIpPerMinute: 5000, signInsPerIpPerMinute: 1000 } },
  }),
);

const log = fs.openSync(path.join(E2E_DIR, 'panel.log'), 'a');
const panel = spawn(process.execPath, ['.next/standalone/server.js'], {
  env: { ...process.env, PORT: String(port), HOSTNAME: '127.0.0.1', HOMELAB_CONFIG: configFile, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  stdio: ['ignore', log, log],
});
panel.on('exit', (code) => {
  if (!stopping) {
    process.stderr.write(`panel exited early with code ${code}; see .e2e/panel.log\n`);
    void stop(1);
  }
});

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  panel.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  await sim.close();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
  await admin.end();
  process.exit(code);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
process.stdout.write(`e2e stack: panel ${publicUrl}, database ${dbName}\n`);

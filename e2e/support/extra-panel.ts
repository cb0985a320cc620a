// A third panel process a spec starts, stops (SIGTERM) and restarts itself, on PANEL_PORT + 2 with
// its own configuration (e.g. pull-request mode) and its own database, against the e2e simulator.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { parse, stringify } from 'yaml';
import { PANEL_PORT } from '../../playwright.config';
import { E2E_DIR } from './paths';

export const EXTRA_URL = `http://localhost:${PANEL_PORT + 2}`;

type Config = { server: { publicUrl: string }; database: { url: string }; promotion?: Record<string, unknown> };

function baseConfig(): Config {
  return parse(fs.readFileSync(path.join(E2E_DIR, 'homelab.yaml'), 'utf8')) as Config;
}

/** A fresh database on the e2e PostgreSQL (dropped by dropDatabase). */
export async function createDatabase(): Promise<string> {
  const admin = new URL(baseConfig().database.url);
  const name = `panel_e2e_x_${randomBytes(4).toString('hex')}`;
  admin.pathname = '/postgres';
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(url: string): Promise<void> {
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
}

export async function query<R extends pg.QueryResultRow>(dbUrl: string, sql: string, params: unknown[] = []): Promise<R[]> {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    return (await c.query<R>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

/** Starts the built panel with the e2e configuration, `promotion` merged in, on `dbUrl`; resolves once ready. */
export async function startExtraPanel(dbUrl: string, promotion: Record<string, unknown>, logName: string): Promise<ChildProcess> {
  const cfg = baseConfig();
  cfg.server.publicUrl = EXTRA_URL;
  cfg.database = { url: dbUrl };
  cfg.promotion = { ...(cfg.promotion ?? {}), ...promotion };
  const file = path.join(E2E_DIR, `${logName}.yaml`);
  fs.writeFileSync(file, stringify(cfg), { mode: 0o600 });
  const log = fs.openSync(path.join(E2E_DIR, `${logName}.log`), 'a');
  const child = spawn(process.execPath, ['.next/standalone/server.js'], {
    env: { ...process.env, PORT: String(PANEL_PORT + 2), HOSTNAME: 'localhost', HOMELAB_CONFIG: file, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', log, log],
  });
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`extra panel exited with ${child.exitCode}; see .e2e/${logName}.log`);
    if (await fetch(`${EXTRA_URL}/api/readyz`).then((r) => r.ok).catch(() => false)) return child;
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGTERM');
  throw new Error('extra panel never became ready');
}

/** SIGTERM, as a rollout or `docker stop` sends it; resolves when the process has exited. */
export async function stopPanel(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.kill('SIGTERM');
  return exited;
}

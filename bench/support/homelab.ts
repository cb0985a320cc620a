// What every panel benchmark starts with: the simulated homelab, a fresh PostgreSQL database and the
// homelab.yaml that points the built panel at both; close() removes all three.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { homelabConfigFromEndpoints } from '../../sim/config';
import { startSimulator, type SimulatorOptions } from '../../sim/index';

export async function benchHomelab(url: string, name: string, sim: Partial<SimulatorOptions> = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${name}-`));
  const simulator = await startSimulator({ dir: path.join(dir, 'sim'), panelUrls: [url], ...sim });
  const adminUrl = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const dbName = `panel_${name}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${dbName}`;
  const cfgFile = path.join(dir, 'homelab.yaml');
  fs.writeFileSync(cfgFile, homelabConfigFromEndpoints(simulator.endpoints, { publicUrl: url, authSecret: randomBytes(33).toString('base64'), databaseUrl: dbUrl.toString() }));
  return {
    sim: simulator,
    cfgFile,
    async close() {
      await simulator.close();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

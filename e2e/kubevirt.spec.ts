import { once } from 'node:events';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';
import { homelabConfigFromEndpoints } from '../sim/config';
import { startSimulator, type Simulator } from '../sim/index';
import { signIn } from './support/login';
import { E2E_DIR } from './support/paths';

// Journey 1 on the KubeVirt backend (gaming.backend: kubevirt), on a phone: the gaming PC is a
// VirtualMachine in PROD. Start and Stop are commits of its runStrategy to the GitOps repository; the
// card follows the VMI as Argo CD syncs it. Its own simulator (with KubeVirt on), database and panel
// process, since the shared e2e stack runs the Proxmox backend.

test.use({ viewport: { width: 390, height: 844 } });
test.describe.configure({ mode: 'serial' });

const PORT = Number(process.env.PANEL_PORT ?? 3100) + 3;
const URL_ = `http://localhost:${PORT}`;
const adminUrl = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const dir = path.join(E2E_DIR, 'kubevirt');
let sim: Simulator;
let panel: ChildProcess;
let dbName: string;

const state = (page: Page) => page.getByTestId('gaming-state');
const runStrategyCommits = () =>
  execFileSync('git', ['-C', sim.endpoints.github.repoPath, 'log', '--all', '--format=%s'], { encoding: 'utf8' })
    .split('\n')
    .filter((s) => s.includes('runStrategy'));

test.beforeAll(async () => {
  test.setTimeout(120_000);
  fs.rmSync(dir, { recursive: true, force: true });
  sim = await startSimulator({ dir: path.join(dir, 'sim'), panelUrls: [URL_], kubevirt: true, syncDelayMs: 500, bootDelayMs: 2_000 });
  dbName = `panel_e2e_kv_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${dbName}`;
  const cfg = path.join(dir, 'homelab.yaml');
  fs.writeFileSync(
    cfg,
    homelabConfigFromEndpoints(sim.endpoints, {
      publicUrl: URL_,
      authSecret: randomBytes(33).toString('base64'),
      databaseUrl: dbUrl.toString(),
      extra: { gaming: { backend: 'kubevirt' }, rateLimits: { mutationsPerUserPerMinute: 1000, mutationsPerIpPerMinute: 5000, signInsPerIpPerMinute: 1000 } },
    }),
  );
  const log = fs.openSync(path.join(dir, 'panel.log'), 'a');
  panel = spawn(process.execPath, ['.next/standalone/server.js'], {
    env: { ...process.env, PORT: String(PORT), HOSTNAME: 'localhost', HOMELAB_CONFIG: cfg, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', log, log],
  });
  for (let i = 0; ; i++) {
    if ((await fetch(`${URL_}/api/readyz`).catch(() => null))?.ok) break;
    if (i > 600) throw new Error('the KubeVirt panel never became ready; see .e2e/kubevirt/panel.log');
    await new Promise((r) => setTimeout(r, 100));
  }
});

test.afterAll(async () => {
  if (panel && panel.exitCode === null) {
    const gone = once(panel, 'exit');
    panel.kill('SIGTERM');
    await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
  }
  await sim?.close();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
  await admin.end();
});

test('Marie starts the KubeVirt gaming PC with one commit, the card follows the VMI to Ready, and Stop halts it', async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signIn(page, 'marie', 'marie', `${URL_}/`);
  await expect(state(page)).toHaveText('Off');
  expect(runStrategyCommits()).toEqual([]);

  // A second family member's phone, open at the same time.
  const lucasCtx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const lucas = await lucasCtx.newPage();
  await signIn(lucas, 'lucas', 'lucas', `${URL_}/`);

  await page.getByRole('button', { name: 'Start gaming' }).click();
  await expect(state(page)).toHaveText(/^(Starting|Booting Windows)/);
  // Lucas's phone follows live (it may already be past Starting); he cannot start a second time.
  await expect(state(lucas)).toHaveText(/^(Starting|Booting Windows|Ready to play)/, { timeout: 10_000 });
  await expect(lucas.getByRole('button', { name: 'Start gaming' })).toHaveCount(0);
  await expect(state(page)).toHaveText(/^Ready to play/, { timeout: 30_000 });
  await expect(state(lucas)).toHaveText(/^Ready to play/, { timeout: 5_000 });
  expect(runStrategyCommits()).toHaveLength(1);
  expect(runStrategyCommits()[0]).toContain('runStrategy: Always');

  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(state(page)).toHaveText(/^Off/, { timeout: 30_000 });
  await expect(state(lucas)).toHaveText(/^Off/, { timeout: 5_000 });
  expect(runStrategyCommits()).toHaveLength(2);
  expect(runStrategyCommits()[0]).toContain('runStrategy: Halted');
  await lucasCtx.close();
});

import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { parse } from 'yaml';
import { PANEL_PORT } from '../playwright.config';
import { signIn } from './support/login';
import { E2E_DIR } from './support/paths';

// Two panel processes on one PostgreSQL (e2e/support/stack.ts starts the second on PANEL_PORT + 1).
const REPLICA = `http://localhost:${PANEL_PORT + 1}`;

async function waitReady(url: string) {
  for (let i = 0; i < 60; i++) {
    const ok = await fetch(`${url}/api/readyz`).then((r) => r.ok).catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} never became ready`);
}

test('a session made on one replica works on the other', async ({ page }) => {
  await waitReady(REPLICA);
  await signIn(page, 'paul');
  await page.goto(`${REPLICA}/`);
  await expect(page.getByTestId('user-name')).toHaveText('Paul Martin');
  const me = await page.request.get(`${REPLICA}/api/me`);
  expect(me.status()).toBe(200);
  expect((await me.json()).role).toBe('admin');
});

test('both replicas migrated the same database once, and each background job has one leader', async () => {
  await waitReady(REPLICA);
  const cfg = parse(fs.readFileSync(path.join(E2E_DIR, 'homelab.yaml'), 'utf8')) as { database: { url: string } };
  const client = new pg.Client({ connectionString: cfg.database.url });
  await client.connect();
  try {
    const migrations = await client.query<{ migration_name: string; n: string }>('SELECT migration_name, count(*)::text AS n FROM _prisma_migrations GROUP BY 1');
    expect(migrations.rows.length).toBeGreaterThan(0);
    expect(migrations.rows.every((r) => r.n === '1')).toBe(true);
    const leases = await client.query<{ name: string; holder: string }>('SELECT name, holder FROM job_leases');
    for (const l of leases.rows) expect(l.holder, `job ${l.name}`).not.toBe('');
    // One row per job: a job is never led by two replicas at once.
    expect(new Set(leases.rows.map((l) => l.name)).size).toBe(leases.rows.length);
  } finally {
    await client.end();
  }
});

test('the event stream works on both replicas', async ({ page, context }) => {
  await waitReady(REPLICA);
  await signIn(page, 'paul');
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const { control } = await import('./support/sim');
  const streams = [`http://localhost:${PANEL_PORT}`, REPLICA].map(async (base) => {
    const ctl = new AbortController();
    const res = await fetch(`${base}/api/events`, { headers: { cookie, accept: 'text/event-stream' }, signal: ctl.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let text = '';
    const deadline = Date.now() + 15_000;
    while (!text.includes('grafana-prod') && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    ctl.abort();
    return text.includes('grafana-prod');
  });
  await new Promise((r) => setTimeout(r, 1_000));
  await control('/argocd/apps/grafana-prod/status', { health: 'Degraded', message: 'replica test' });
  expect(await Promise.all(streams)).toEqual([true, true]);
  await control('/argocd/apps/grafana-prod/status', { health: 'Healthy', message: '' });
});

import { execFileSync, type ChildProcess } from 'node:child_process';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { PANEL_URL } from '../playwright.config';
import { createDatabase, dropDatabase, EXTRA_URL, query, startExtraPanel, stopPanel } from './support/extra-panel';
import { signIn } from './support/login';
import { control, endpoints } from './support/sim';

// Promotions after Live (issue 17): a live promotion whose app degrades is noticed and notified;
// two roll-back clicks make one roll-back, which holds auto-promotion until Resume; in pull-request
// mode two merge clicks make one merge; a panel stopped with SIGTERM hands its job leases to the
// next process; the opt-in automatic roll-back commits once and holds.

test.describe.configure({ mode: 'serial' });

const git = (...args: string[]) => execFileSync('git', ['-C', endpoints().github.repoPath, ...args], { encoding: 'utf8' });
const commits = () => Number(git('rev-list', '--count', 'main').trim());
const subjects = () => git('log', '--format=%s', 'main').trim().split('\n');
type Notice = { topic: string; title?: string; message: string; click?: string };
const notices = async () => (await control<{ messages: Notice[] }>('/ntfy/messages')).messages;
const state = (page: Page) => page.getByTestId('promotion-state');

/** Review and approve one candidate through the confirmation dialog; lands on the promotion's page. */
async function promote(page: Page, service: string, base = '') {
  await page.goto(`${base}/promotions`);
  const card = page.getByTestId(`candidate-${service}`);
  await card.getByRole('button', { name: 'Review promotion' }).click();
  await card.getByRole('button', { name: /^Approve/ }).click();
  await page.getByRole('dialog', { name: 'This changes PROD' }).getByRole('button', { name: 'Yes, promote' }).click();
  await page.waitForURL(/\/promotions\/[0-9a-f-]{36}$/);
  return page.url().split('/').pop()!;
}

/** Two tabs on the same page press the button and confirm at the same moment (a double click, two devices). */
async function clickTwice(context: BrowserContext, url: string, button: string, confirm: string) {
  const tabs = [await context.newPage(), await context.newPage()];
  await Promise.all(tabs.map((t) => t.goto(url)));
  for (const t of tabs) await t.getByRole('button', { name: button }).click();
  await Promise.all(tabs.map((t) => t.getByRole('dialog', { name: 'This changes PROD' }).getByRole('button', { name: confirm }).click()));
  return tabs;
}

async function auditCount(page: Page, base: string, action: string, target?: string) {
  const res = await page.request.get(`${base}/api/audit?action=${action}&outcome=ok`);
  const events = (await res.json()).events as { action: string; target: string | null }[];
  return events.filter((e) => e.action === action && (!target || e.target === target)).length;
}

test('a Live promotion whose app turns Degraded becomes "Degraded after promotion" within 10 s, with one notification', async ({ page }) => {
  test.setTimeout(120_000);
  await control('/ntfy/clear', {});
  await signIn(page, 'paul', 'paul', '/promotions');
  const id = await promote(page, 'alloy');
  await expect(state(page)).toHaveAttribute('data-state', 'live', { timeout: 45_000 });
  await expect(page.getByRole('button', { name: 'Roll back' })).toHaveCount(0); // not on a healthy promotion
  await control('/argocd/apps/alloy-prod/status', { health: 'Degraded', message: 'e2e: broken after going live' });
  await expect(state(page)).toHaveAttribute('data-state', 'degraded', { timeout: 10_000 });
  await expect(state(page)).toHaveText('Degraded after promotion');
  await expect(page.getByTestId('degraded-after')).toBeVisible();
  await expect(page.getByTestId('timeline')).toContainText('PROD turned Degraded after the promotion went live');
  await expect.poll(async () => (await notices()).filter((n) => /degraded/.test(n.title ?? '')), { timeout: 5_000 }).toHaveLength(1);
  const sent = (await notices()).find((n) => /degraded/.test(n.title ?? ''))!;
  expect(sent).toMatchObject({ topic: 'paul-homelab', title: 'Promotion left PROD degraded — roll back?', click: `${PANEL_URL}/promotions/${id}` });
});

test('two Roll back clicks make one roll-back and one commit, which holds auto-promotion until Resume', async ({ page, context }) => {
  test.setTimeout(120_000);
  await signIn(page, 'paul', 'paul', '/promotions');
  await page.getByTestId('history').getByRole('link', { name: /promote\(alloy\)/ }).first().click();
  await page.waitForURL(/\/promotions\/[0-9a-f-]{36}$/);
  await expect(state(page)).toHaveAttribute('data-state', 'degraded');
  const url = page.url();
  const before = commits();
  const tabs = await clickTwice(context, url, 'Roll back', 'Yes, roll back');
  await expect.poll(commits, { timeout: 15_000 }).toBe(before + 1);
  expect(subjects()[0]).toBe('rollback(alloy): v1.6.1 → v1.5.1');
  const msg = git('log', '-1', '--format=%B', 'main');
  expect(msg).toMatch(/Rolls-Back: [0-9a-f]{40}\nRestored-From: [0-9a-f]{40}\nRequested-By: Paul Martin\nApproved-By: Paul Martin <paul@homelab.example>\nPromotion-Id: [0-9a-f-]{36}\nRequest-Id: \S+/);
  await new Promise((r) => setTimeout(r, 2_000));
  expect(commits()).toBe(before + 1);
  await page.reload();
  await expect(page.getByRole('link', { name: 'Follow the roll back' })).toHaveCount(1);
  expect(await auditCount(page, '', 'promotion.rollback', 'alloy')).toBe(1);
  for (const t of tabs) await t.close();
  // The hold: listed with Resume; Resume lifts it, audited once.
  await page.goto('/promotions');
  const holds = page.getByTestId('holds');
  await expect(holds).toContainText('alloy');
  await holds.getByRole('button', { name: 'Resume auto-promotion of alloy' }).click();
  await expect(page.getByTestId('holds')).toHaveCount(0);
  expect(await auditCount(page, '', 'promotion.resume', 'alloy')).toBe(1);
});

let dbUrl = '';
let panel: ChildProcess | null = null;

test.afterAll(async () => {
  if (panel) await stopPanel(panel);
  if (dbUrl) await dropDatabase(dbUrl);
});

test('pull-request mode: two Merge clicks make one merge and one audit "ok"', async ({ page, context }) => {
  test.setTimeout(180_000);
  dbUrl = await createDatabase();
  panel = await startExtraPanel(dbUrl, { mode: 'pull-request' }, 'panel-pr');
  await signIn(page, 'paul', 'paul', `${EXTRA_URL}/promotions`);
  await promote(page, 'adguard-home', EXTRA_URL);
  await expect(state(page)).toHaveAttribute('data-state', 'pr_open');
  const merges = () => subjects().filter((s) => s.startsWith('Merge pull request #')).length;
  const before = merges();
  await clickTwice(context, page.url(), 'Merge pull request', 'Yes, merge');
  await expect.poll(merges, { timeout: 15_000 }).toBe(before + 1);
  await page.reload();
  await expect(state(page)).toHaveAttribute('data-state', /committed|syncing|live/);
  await new Promise((r) => setTimeout(r, 2_000));
  expect(merges()).toBe(before + 1);
  expect(await auditCount(page, EXTRA_URL, 'promotion.merge')).toBe(1);
  expect(git('log', '-1', '--format=%B', 'main')).toMatch(/Merged-By: Paul Martin <paul@homelab.example>/);
});

test('SIGTERM hands the job leases back: the next process runs the jobs within one interval', async () => {
  test.setTimeout(120_000);
  const leases = () => query<{ name: string; holder: string }>(dbUrl, `SELECT name, holder FROM job_leases WHERE name LIKE 'promotions.%' ORDER BY name`);
  const held = await leases();
  expect(held.map((l) => l.name)).toEqual(['promotions.auto', 'promotions.track']);
  expect(held.every((l) => l.holder !== '')).toBe(true);
  await stopPanel(panel!);
  panel = null;
  expect((await leases()).map((l) => l.holder)).toEqual(['', '']);
  // The next process (now with the automatic roll-back on) takes the tracker at once.
  panel = await startExtraPanel(dbUrl, { mode: 'commit', autoRollback: { enabled: true, afterMinutes: 0 }, degradedAfterSeconds: 3 }, 'panel-restarted');
  await expect.poll(async () => (await leases()).find((l) => l.name === 'promotions.track')?.holder, { timeout: 2_500 }).not.toBe('');
});

test('auto-roll-back on: a degraded promotion is rolled back once by the panel, held, and Resume lifts the hold', async ({ page }) => {
  test.setTimeout(180_000);
  await control('/ntfy/clear', {});
  await signIn(page, 'paul', 'paul', `${EXTRA_URL}/promotions`);
  await promote(page, 'home-assistant', EXTRA_URL);
  await expect(state(page)).toHaveAttribute('data-state', 'live', { timeout: 45_000 });
  const rollbacks = () => subjects().filter((s) => s.startsWith('rollback(home-assistant)')).length;
  expect(rollbacks()).toBe(0);
  await control('/argocd/apps/home-assistant-prod/status', { health: 'Degraded', message: 'e2e: broken' });
  await expect.poll(rollbacks, { timeout: 30_000 }).toBe(1);
  expect(git('log', '-1', '--format=%B', 'main')).toMatch(/Requested-By: Panel \(auto-rollback policy\)/);
  await expect(page.getByRole('link', { name: 'Follow the roll back' })).toHaveCount(1);
  await new Promise((r) => setTimeout(r, 4_000));
  expect(rollbacks()).toBe(1);
  await expect.poll(async () => (await notices()).filter((n) => n.title === 'Rolled back automatically: home-assistant').length).toBe(1);
  await page.goto(`${EXTRA_URL}/promotions`);
  const holds = page.getByTestId('holds');
  await expect(holds).toContainText('home-assistant');
  await holds.getByRole('button', { name: 'Resume auto-promotion of home-assistant' }).click();
  await expect(page.getByTestId('holds')).toHaveCount(0);
  expect(await auditCount(page, EXTRA_URL, 'promotion.resume', 'home-assistant')).toBe(1);
});

import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/login';
import { control, endpoints } from './support/sim';

// Journey 2 on a desktop: Paul approves a promotion → exactly one commit that changes only the
// expected line → the simulated Argo CD syncs → the page shows Live without a reload. A family member
// is refused (403 + audit row). A bad version ends Degraded and Roll back restores the old tag.

test.describe.configure({ mode: 'serial' });

const repo = () => endpoints().github.repoPath;
const git = (...args: string[]) => execFileSync('git', ['-C', repo(), ...args], { encoding: 'utf8' });
const commits = () => Number(git('rev-list', '--count', 'main').trim());
const PROD = (s: string) => `kubernetes/overlays/prod/${s}/kustomization.yaml`;

async function approve(page: Page, service: string) {
  await page.goto('/promotions');
  const card = page.getByTestId(`candidate-${service}`);
  await expect(card).toBeVisible();
  await card.getByRole('button', { name: 'Review promotion' }).click();
  const approveButton = card.getByRole('button', { name: /^Approve/ });
  await expect(approveButton).toBeVisible();
  await approveButton.click();
  // PROD-changing: a dialog names the change first; Cancel is focused, the confirm acts.
  const dialog = page.getByRole('dialog', { name: 'This changes PROD' });
  await expect(dialog).toContainText(service);
  await dialog.getByRole('button', { name: 'Yes, promote' }).click();
  await page.waitForURL(/\/promotions\/[0-9a-f-]{36}$/);
}

test('approve → one commit of the expected line → Argo CD syncs → Live without a reload', async ({ page }) => {
  await signIn(page, 'paul', 'paul', '/promotions');
  const before = commits();
  const oldText = git('show', `main:${PROD('komga')}`);
  await approve(page, 'komga');
  const navigations: string[] = [];
  page.on('framenavigated', (f) => f === page.mainFrame() && navigations.push(f.url()));
  await expect(page.getByTestId('commit-sha')).toBeVisible();
  expect(commits()).toBe(before + 1);
  const msg = git('log', '-1', '--format=%B', 'main');
  expect(msg).toContain('promote(komga): 1.15.1 → 1.16.0');
  expect(msg).toMatch(/Approved-By: .+ <.+>/);
  expect(git('show', '--format=', '--name-only', 'main').trim()).toBe(PROD('komga'));
  expect(git('show', `main:${PROD('komga')}`)).toBe(oldText.replace('newTag: "1.15.1"', 'newTag: "1.16.0"'));
  await expect(page.getByTestId('promotion-state')).toHaveAttribute('data-state', 'live', { timeout: 45_000 });
  await expect(page.getByTestId('timeline')).toContainText('PROD is synced and healthy');
  expect(navigations).toEqual([]);
});

test('a family member calling the approve API gets 403 and an audit row', async ({ browser, page }) => {
  const marie = await browser.newContext();
  const mp = await marie.newPage();
  await signIn(mp, 'marie');
  const res = await mp.request.post('/api/promotions/00000000-0000-4000-8000-000000000000/approve', { data: {} });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.code).toBe('forbidden');
  await marie.close();
  await signIn(page, 'paul');
  const audit = await page.request.get('/api/audit?outcome=denied&action=promotion:approve');
  const events = (await audit.json()).events as { actorName: string | null; action: string }[];
  expect(events.some((e) => /marie/i.test(e.actorName ?? '') && e.action === 'promotion:approve')).toBe(true);
});

test('a bad version ends Degraded and Roll back restores the old tag', async ({ page }) => {
  test.setTimeout(240_000);
  await control('/images/bad', { ref: 'grafana/grafana:11.5.1' });
  await signIn(page, 'paul', 'paul', '/promotions');
  await approve(page, 'grafana');
  await expect(page.getByTestId('promotion-state')).toHaveAttribute('data-state', 'degraded', { timeout: 200_000 });
  const before = commits();
  await page.getByRole('button', { name: 'Roll back' }).click();
  await page.getByRole('dialog', { name: 'This changes PROD' }).getByRole('button', { name: 'Yes, roll back' }).click();
  await expect(page.getByRole('link', { name: 'Follow the roll back' })).toBeVisible();
  // The link appears as soon as the roll back is proposed; its commit follows within the request.
  await expect.poll(commits, { timeout: 15_000 }).toBe(before + 1);
  expect(git('log', '-1', '--format=%s', 'main').trim()).toBe('rollback(grafana): 11.5.1 → 11.4.0');
  expect(git('show', `main:${PROD('grafana')}`)).toContain('newTag: "11.4.0"');
  await page.getByRole('link', { name: 'Follow the roll back' }).click();
  await expect(page.getByTestId('promotion-state')).toHaveAttribute('data-state', 'live', { timeout: 45_000 });
});

test('the promotions pages speak French when the browser asks for it', async ({ browser }) => {
  const ctx = await browser.newContext({ locale: 'fr-FR' });
  const page = await ctx.newPage();
  await signIn(page, 'paul', 'paul', '/promotions');
  await expect(page.getByRole('heading', { name: 'Historique' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Filtrer' })).toBeVisible();
  await expect(page.getByLabel('État')).toContainText("En attente d'approbation");
  const card = page.locator('[data-testid^=candidate-]').first();
  await expect(card).toBeVisible();
  await expect(card.getByRole('list', { name: 'Conditions' })).toBeVisible();
  await expect(page.getByTestId('history').getByTestId('promotion-state').first()).toHaveText(/En service|Dégradée|Refusée|Échouée|PROD se synchronise|Commitée/);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await page.getByTestId('history').getByRole('link').first().click();
  await expect(page.getByRole('link', { name: 'Toutes les promotions' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Chronologie' })).toBeVisible();
  await ctx.close();
});

test('the promotions pages fit a phone: diffs scroll inside their box, the page does not', async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await phone.newPage();
  await signIn(page, 'paul', 'paul', '/promotions');
  await expect(page.getByTestId('diff').first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.getByTestId('history').getByRole('link').first().click();
  await expect(page.getByTestId('timeline')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await phone.close();
});

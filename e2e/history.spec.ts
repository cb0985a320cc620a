// History you can see (issue 16): a service goes down and up in the simulator → its strip shows the
// gap and the uptime figure changes, live, without a reload; the cluster and capacity pages show
// their history; the strip is reachable from the keyboard and says itself in words.
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/login';
import { ENDPOINTS_FILE } from './support/paths';

function controlUrl(): string {
  return (JSON.parse(fs.readFileSync(ENDPOINTS_FILE, 'utf8')) as { control: { url: string } }).control.url;
}

async function control(path: string, body: unknown = {}) {
  const res = await fetch(`${controlUrl()}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.ok, `control ${path}`).toBe(true);
}

async function noSeriousAxeViolations(page: Page, what: string) {
  const r = await new AxeBuilder({ page }).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`), `axe on ${what}`).toEqual([]);
}

const uptimeOf = async (page: Page, id: string) => Number(await page.getByTestId(id).getAttribute('data-uptime'));

test.afterEach(async () => {
  await control('/argocd/apps/navidrome-cloud/status', { health: 'Healthy', sync: 'Synced' });
});

test('a service goes down and up: its strip shows the outage and the uptime drops, live', async ({ page }) => {
  await signIn(page, 'paul');
  await page.goto('/services?q=navidrome');
  await page.locator('[data-app=navidrome-cloud]').getByTestId('app-history-link').click();
  await expect(page).toHaveURL(/\/services\/cloud\/navidrome-cloud$/);
  await expect(page.getByRole('heading', { name: 'History of Music' })).toBeVisible();
  const day = page.getByTestId('strip-day');
  await expect(page.getByTestId('strip-day-uptime')).toHaveText(/^Working \d+(\.\d+)?% of the time$/);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-state', 'open');
  // Other specs may have made Music go down before (same stack): compare with what the page shows now.
  const outagesBefore = Number(await day.getAttribute('data-outages'));
  const uptimeBefore = await uptimeOf(page, 'strip-day');

  await control('/argocd/apps/navidrome-cloud/status', { health: 'Degraded', message: 'e2e outage' });
  await expect(day).toHaveAttribute('data-outages', String(outagesBefore + 1));
  await expect(page.getByTestId('strip-day-outages').locator('li').first()).toContainText(/^Down since \d\d:\d\d/);
  await expect(day.locator('rect[data-state=down]').last()).toBeVisible();
  await page.waitForTimeout(3_000); // let the outage last a few seconds
  await control('/argocd/apps/navidrome-cloud/status', { health: 'Healthy', sync: 'Synced' });
  await expect(page.getByTestId('strip-day-outages').locator('li').first()).toContainText(/^Down from \d\d:\d\d to \d\d:\d\d/, { timeout: 10_000 });
  const uptimeAfter = await uptimeOf(page, 'strip-day');
  expect(uptimeAfter).toBeLessThan(uptimeBefore);
  expect(uptimeAfter).toBeGreaterThan(0);
  await expect(page.getByTestId('strip-day-uptime')).toHaveText(/^Working \d+(\.\d+)?% of the time$/);
  await expect(page.getByTestId('strip-week')).toHaveAttribute('data-outages', String(outagesBefore + 1));

  // Keyboard: one tab stop, the arrow keys walk the buckets and the live line says each in words.
  const svg = day.locator('svg');
  await svg.focus();
  await page.keyboard.press('End');
  await expect(day.locator('[aria-live=polite]')).toContainText(/down for|working/);
  await expect(svg).toHaveAttribute('aria-label', /Last 24 hours: Working .*% of the time\. \d+ outage/);
  await noSeriousAxeViolations(page, 'service history');

  // The same page in French, plain words.
  await page.context().addCookies([{ name: 'locale', value: 'fr', url: page.url() }]);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Historique de Music' })).toBeVisible();
  await expect(page.getByTestId('strip-day-uptime')).toContainText('En marche');
});

test("a cluster's page shows its reachability and ready nodes; /capacity the host's memory by mode", async ({ page }) => {
  await signIn(page, 'paul');
  await page.goto('/clusters/prod');
  await expect(page.getByTestId('cluster-history')).toBeVisible();
  await expect(page.getByTestId('reach-day-uptime')).toHaveText(/^Reachable \d+(\.\d+)?% of the time$/);
  await expect(page.getByTestId('node-history')).toBeVisible();
  await noSeriousAxeViolations(page, 'cluster history');

  // The history job samples at start: the chart (a chunk loaded on demand) shows the current mode.
  await page.goto('/capacity');
  await expect(page.getByTestId('memory-chart')).toBeVisible();
  await expect(page.getByTestId('memory-chart')).toContainText(/Busiest: .* \(Testing\)/);
  await noSeriousAxeViolations(page, 'capacity with memory history');
});

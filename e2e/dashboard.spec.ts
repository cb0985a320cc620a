// Journey 3 (dashboard) and 4 (something is broken) in a real browser against the simulator:
// admin and family, phone and desktop, live updates without reload, stale badges, axe on every page.
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { signIn } from './support/login';
import { ENDPOINTS_FILE } from './support/paths';

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
];

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

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
}

async function live(page: Page) {
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-state', 'open');
}

test.afterEach(async () => {
  await control('/reset');
  await control('/argocd/apps/navidrome-cloud/status', { health: 'Healthy', sync: 'Synced' });
});

for (const vp of VIEWPORTS) {
  test(`family member's dashboard on a ${vp.name}`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width: vp.width, height: vp.height });
    await signIn(page, 'marie');
    await expect(page.getByRole('heading', { name: 'Hello, Marie' })).toBeVisible();
    await expect(page.getByTestId('health-summary')).toContainText('Everything is running');
    const tiles = page.getByTestId('service-tile');
    await expect(tiles.filter({ hasText: 'Music' })).toHaveAttribute('href', 'https://music.homelab.example');
    await expect(tiles.filter({ hasText: 'Music' })).toContainText('Running');
    await expect(tiles.filter({ hasText: 'Grafana' })).toHaveCount(0);
    await expect(page.getByTestId('cluster-card')).toHaveCount(0);
    await expect(page.getByTestId('freshness').first()).toBeVisible();
    await live(page);
    await shot(page, testInfo, `family-home-${vp.name}`);
    await noSeriousAxeViolations(page, 'home (family)');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'no horizontal scrolling').toBeLessThanOrEqual(0);

    // Clusters, services and capacity are the admin's pages (Kubernetes words): not found for the family,
    // who reads the same in plain words on the home page.
    for (const path of ['/clusters', '/clusters/prod', '/services', '/capacity']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { name: 'Nothing here' }), path).toBeVisible();
      await expect(page.getByTestId('cluster-card')).toHaveCount(0);
    }
  });

  test(`admin's dashboard on a ${vp.name}`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width: vp.width, height: vp.height });
    await signIn(page, 'paul');
    await expect(page.getByTestId('cluster-card')).toHaveCount(3);
    const prod = page.locator('[data-testid=cluster-card][data-cluster=prod]');
    await expect(prod).toContainText('Reachable');
    await expect(prod).toContainText('2 of 2 nodes ready');
    await expect(prod).toContainText('Talos v1.9.2');
    await expect(page.getByTestId('proxmox-card')).toContainText('Mode: Testing');
    await live(page);
    await shot(page, testInfo, `admin-home-${vp.name}`);
    await noSeriousAxeViolations(page, 'home (admin)');

    await page.getByRole('link', { name: 'Details of PROD' }).click();
    await expect(page.getByRole('heading', { name: 'PROD', level: 1 })).toBeVisible();
    await expect(page.getByTestId('node-list')).toContainText('talos-prod-worker-1');
    // PROD runs Talos v1.9.2 while its Omni template asks for 1.9.3: both are shown.
    await expect(page.getByTestId('versions')).toContainText('v1.9.2');
    await expect(page.getByTestId('versions')).toContainText('1.9.3');
    await expect(page.getByTestId('app-row').first()).toBeVisible();
    await shot(page, testInfo, `admin-cluster-prod-${vp.name}`);
    await noSeriousAxeViolations(page, 'cluster detail');

    await page.goto('/services?cluster=cloud');
    await expect(page.getByTestId('services-count')).toContainText(/\d+ of \d+ applications/);
    await page.getByLabel('Search').fill('navidrome');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page.getByTestId('app-row')).toHaveCount(1);
    await shot(page, testInfo, `admin-services-${vp.name}`);
    await noSeriousAxeViolations(page, 'services');

    await page.goto('/capacity');
    await expect(page.getByTestId('capacity-mode')).toContainText('Testing');
    await expect(page.getByTestId('what-ifs')).toContainText('Start gaming: 64 of 64 GB');
    await expect(page.getByTestId('oci-card')).toContainText('Pods ask for');
    // Beside the bar: the admin's DEV power, with what stopping it would free.
    const dev = page.getByTestId('dev-power');
    await expect(dev).toContainText('talos-dev');
    await expect(page.getByTestId('dev-what-if')).toContainText('Stopping DEV frees');
    await expect(dev.getByRole('button', { name: 'Stop DEV' })).toBeEnabled();
    await expect(dev.getByRole('button', { name: 'Start DEV' })).toBeDisabled();
    await shot(page, testInfo, `admin-capacity-${vp.name}`);
    await noSeriousAxeViolations(page, 'capacity');

    await page.goto('/clusters/dev');
    await expect(page.getByTestId('dev-power')).toContainText('talos-dev');
  });
}

test('an app going Degraded in the simulator shows on the open page within 2 s, without a reload', async ({ page }) => {
  await signIn(page, 'lucas');
  await live(page);
  await expect(page.getByTestId('health-summary')).toContainText('Everything is running');
  let reloaded = false;
  page.on('load', () => (reloaded = true));
  await control('/argocd/apps/navidrome-cloud/status', { health: 'Degraded', message: 'e2e' });
  await expect(page.getByTestId('health-summary')).toContainText(/Music is down since \d\d:\d\d/, { timeout: 2_000 });
  await expect(page.getByTestId('service-tile').filter({ hasText: 'Music' })).toHaveAttribute('data-state', 'down');
  expect(reloaded).toBe(false);
});

test('one cluster down: only its card is stale, with the last good time', async ({ page }) => {
  await signIn(page, 'paul', 'paul', '/clusters');
  await live(page);
  await control('/clusters/cloud/reachable', { up: false });
  const cloud = page.locator('[data-testid=cluster-card][data-cluster=cloud]');
  await expect(cloud.getByTestId('stale-badge')).toBeVisible({ timeout: 10_000 });
  await expect(cloud).toContainText(/last good data at \d\d:\d\d/);
  await expect(cloud).toContainText('Unreachable');
  await expect(page.locator('[data-testid=cluster-card][data-cluster=prod]').getByTestId('stale-badge')).toHaveCount(0);
  await control('/clusters/cloud/reachable', { up: true });
  await expect(cloud.getByTestId('stale-badge')).toHaveCount(0, { timeout: 15_000 });
});

test('Proxmox down: the capacity card says so in plain words and the rest works', async ({ page }) => {
  await signIn(page, 'paul', 'paul', '/capacity');
  await live(page);
  await control('/faults/proxmox', { down: true });
  await expect(page.getByTestId('proxmox-down')).toContainText("We can't reach the home server right now", { timeout: 15_000 });
  await expect(page.getByTestId('oci-card')).toContainText('Pods ask for');
  await page.goto('/');
  await expect(page.getByTestId('proxmox-down')).toBeVisible();
  await expect(page.getByTestId('health-summary')).toBeVisible();
  await expect(page.getByTestId('cluster-card')).toHaveCount(3);
});

test('the panel speaks French when asked, and is installable', async ({ page, request }) => {
  await signIn(page, 'emma');
  await page.getByLabel('Language').selectOption('fr');
  await expect(page.getByTestId('health-summary')).toContainText('Tout fonctionne');
  await expect(page.getByRole('link', { name: 'Accueil' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'PC de jeu' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Lancer le jeu' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
  await noSeriousAxeViolations(page, 'home (French)');
  const manifest = await request.get('/manifest.webmanifest');
  expect(manifest.ok()).toBe(true);
  const m = await manifest.json();
  expect(m).toMatchObject({ display: 'standalone', start_url: '/' });
  expect((await request.get(m.icons[0].src)).headers()['content-type']).toContain('image/png');
});

test('when the live stream drops the page says "Reconnecting…", then catches up', async ({ page }) => {
  await signIn(page, 'marie');
  await live(page);
  await page.route('**/api/events', (r) => r.abort()); // reconnecting fails for now
  await page.evaluate(() => window.stop()); // drops the open stream
  await expect(page.getByTestId('live-status')).toContainText('Reconnecting…', { timeout: 10_000 });
  await control('/argocd/apps/navidrome-cloud/status', { health: 'Degraded' }); // missed while disconnected
  await page.unroute('**/api/events');
  await live(page);
  await expect(page.getByTestId('service-tile').filter({ hasText: 'Music' })).toHaveAttribute('data-state', 'down', { timeout: 10_000 });
});

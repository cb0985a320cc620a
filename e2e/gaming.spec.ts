import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/login';
import { ENDPOINTS_FILE } from './support/paths';

// Journey 1 on a phone, on the home screen: start the gaming VM, live Starting → Booting → Ready for two family members,
// no double start, what a start in testing mode will do, and Proxmox down. The e2e stack runs the default
// gaming config (policy stop-dev, 4 GB buffer): with DEV running it is turned off first (e2e/family-journey.spec.ts).

test.use({ viewport: { width: 390, height: 844 } });
test.describe.configure({ mode: 'serial' });

const control = () => (JSON.parse(fs.readFileSync(ENDPOINTS_FILE, 'utf8')) as { control: { url: string } }).control.url;
async function ctl(path: string, body?: unknown) {
  const res = await fetch(`${control()}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.ok, `control ${path}`).toBe(true);
  return res.json();
}
const startCalls = async () => ((await ctl('/proxmox/writes')) as { calls: { method: string; path: string }[] }).calls.filter((c) => c.method === 'POST' && c.path.endsWith('/qemu/300/status/start')).length;
const state = (page: Page) => page.getByTestId('gaming-state');

test.afterAll(async () => {
  await ctl('/faults/proxmox/reset', {});
  await ctl('/proxmox/vms/101/running', { running: true });
  await ctl('/proxmox/vms/300/running', { running: false });
  await ctl('/proxmox/boot-delay', { ms: 20_000 });
});

test('in testing mode the card says before the tap that the test servers will make room', async ({ page }) => {
  await signIn(page, 'emma', 'emma', '/');
  await expect(state(page)).toHaveText('Off');
  // The demo's default (policy stop-dev): DEV running means it will be turned off for the game, and back on after.
  await expect(page.getByTestId('gaming-preflight')).toContainText('The test servers will be turned off to make room, and back on after the game.');
  await expect(page.getByRole('button', { name: 'Start gaming' })).toBeEnabled();
});

test('in French (the browser asks for it) the card and its checks speak plain French', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
  const page = await ctx.newPage();
  await signIn(page, 'emma', 'emma', '/');
  await expect(page.getByRole('heading', { name: 'PC de jeu' })).toBeVisible();
  await expect(state(page)).toHaveText('Éteint');
  await expect(page.getByTestId('gaming-preflight')).toContainText("Les serveurs d'essai seront éteints pour faire de la place, et rallumés après le jeu.");
  await page.getByText('Vérifications').click();
  await expect(page.getByTestId('gaming-preflight')).toContainText('La carte graphique est libre.');
  await expect(page.getByRole('button', { name: 'Lancer le jeu' })).toBeEnabled();
  const axe = await new AxeBuilder({ page }).include('[data-testid=gaming-card]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await page.goto('/gaming');
  await expect(page.getByRole('heading', { name: 'Jeux', level: 1 })).toBeVisible();
  await expect(page.getByText('Vos parties')).toBeVisible();
  await ctx.close();
});

test('Marie starts it: Starting → Booting → Ready live; Lucas sees it and cannot double-start', async ({ page, browser }) => {
  test.setTimeout(90_000);
  await ctl('/proxmox/vms/101/running', { running: false }); // the DEV cluster is off: room for gaming
  await ctl('/proxmox/boot-delay', { ms: 4_000 });
  const before = await startCalls();

  await signIn(page, 'marie', 'marie', '/');
  const lucasCtx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const lucas = await lucasCtx.newPage();
  await signIn(lucas, 'lucas', 'lucas', '/');
  await expect(state(page)).toHaveText('Off');
  await expect(state(lucas)).toHaveText('Off');
  await expect(page.getByTestId('gaming-preflight')).not.toContainText("Can't start");

  await page.getByRole('button', { name: 'Start gaming' }).click();
  await expect(state(page)).toHaveText(/^Starting/, { timeout: 1_000 }); // immediate feedback
  await expect(state(lucas)).toHaveText(/^Starting \(by Marie at \d{1,2}:\d\d( [AP]M)?\)$/);
  await expect(lucas.getByRole('button', { name: 'Start gaming' })).toHaveCount(0);
  const again = await lucas.request.post('/api/gaming/start', { data: {} });
  expect(again.status()).toBe(200);

  await expect(state(page)).toHaveText(/^Booting Windows \(by Marie/);
  await expect(state(lucas)).toHaveText(/^Booting Windows \(by Marie/);
  await expect(state(page)).toHaveText(/^Ready to play \(by Marie/, { timeout: 15_000 });
  await expect(state(lucas)).toHaveText(/^Ready to play \(by Marie/);
  // The date is said too when the lease ends after midnight ("Until 2 Dec, 01:00").
  await expect(page.getByTestId('gaming-lease')).toHaveText(/^Until (\d{1,2} \w+,? )?\d{1,2}:\d\d( [AP]M)?$/);
  expect(await startCalls()).toBe(before + 1);

  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(state(lucas)).toHaveText(/^(Stopping|Off)/);
  await expect(state(page)).toHaveText('Off', { timeout: 15_000 });
  await lucasCtx.close();

  await page.goto('/gaming');
  await expect(page.getByTestId('gaming-session').first()).toContainText('Stopped by Marie');
});

test('Proxmox down: the card says the homelab server cannot be reached, the page still works', async ({ page }) => {
  await ctl('/faults/proxmox', { down: true });
  await signIn(page, 'marie', 'marie', '/');
  await expect(state(page)).toHaveText("Can't reach the homelab server");
  await expect(page.getByTestId('gaming-detail')).toHaveText("The homelab server can't be reached.");
  await expect(page.getByRole('button', { name: 'Start gaming' })).toBeDisabled();
  await expect(page.getByRole('heading', { name: 'Hello, Marie', level: 1 })).toBeVisible();
  await page.goto('/gaming');
  await expect(page.getByText('Your sessions')).toBeVisible();
  await expect(page.getByTestId('gaming-session').first()).toContainText('Stopped by Marie');
  // The same card in French: the detail comes as a code, said in the page's language.
  const fr = await page.context().browser()!.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
  const frPage = await fr.newPage();
  await signIn(frPage, 'marie', 'marie', '/');
  await expect(frPage.getByTestId('gaming-detail')).toHaveText('Le serveur de la maison ne répond pas.');
  await fr.close();
  await ctl('/faults/proxmox/reset', {});
});

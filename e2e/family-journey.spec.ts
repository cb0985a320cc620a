import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn } from './support/login';
import { control } from './support/sim';

// Issue 11, journey 1 on a phone (390×844) in English and French, on the demo's default: testing
// mode (DEV running) with `policy: stop-dev`. Home → Start gaming → ready with exactly one Proxmox
// start, DEV shut down first and back after Stop; the same under Paul's hold with Ask Paul → Paul's
// one tap → ready. Then (English) the card after a short Proxmox outage, a start whose answer was
// lost, a VM started outside the panel (adopted with a lease), and the safe taps.

const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE });

type Call = { method: string; path: string };
const calls = async () => (await control<{ calls: Call[] }>('/proxmox/writes')).calls;
const isPost = (suffix: string) => (c: Call) => c.method === 'POST' && c.path.endsWith(suffix);
const count = async (suffix: string) => (await calls()).filter(isPost(suffix)).length;
type Notice = { topic: string; title?: string; message: string; click?: string };
const notices = async () => (await control<{ messages: Notice[] }>('/ntfy/messages')).messages;
const card = (page: Page) => page.getByTestId('gaming-card');
/** Serious or critical axe violations inside the gaming card. */
async function axe(page: Page) {
  await card(page).first().waitFor(); // its state has arrived (the placeholder before it is not the card)
  const r = await new AxeBuilder({ page }).include('[data-testid=gaming-card]').analyze();
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

const WORDS = {
  en: { locale: 'en-GB', start: 'Start gaming', stop: 'Stop', ask: 'Ask Paul', allow: 'Let Marie play', hold: 'Hold DEV', holdText: 'Paul is testing on the home server until', asked: 'You asked Paul', note: 'The test servers will be turned off to make room' },
  fr: { locale: 'fr-FR', start: 'Lancer le jeu', stop: 'Arrêter', ask: 'Demander à Paul', allow: 'Laisser jouer Marie', hold: 'Garder DEV', holdText: "Paul fait des essais sur le serveur de la maison jusqu'à", asked: 'Vous avez demandé à Paul', note: "Les serveurs d'essai seront éteints pour faire de la place" },
} as const;
type Lang = keyof typeof WORDS;

async function phone(browser: Browser, lang: Lang, user: string, at = '/') {
  const ctx = await browser.newContext({ viewport: PHONE, locale: WORDS[lang].locale });
  const page = await ctx.newPage();
  await signIn(page, user, user, at);
  return { ctx, page };
}

/** The demo's starting point: testing mode (DEV on), the gaming VM off, no fault, a short boot. */
async function testingMode() {
  await control('/faults/proxmox/reset', {});
  await control('/proxmox/task-delay', { ms: 1_500 });
  await control('/proxmox/boot-delay', { ms: 3_000 });
  await control('/proxmox/vms/300/running', { running: false });
  await control('/proxmox/vms/101/running', { running: true });
}

/** Stop from Marie's card (her own game: no question), then DEV comes back by itself. */
async function stopAndDevBack(page: Page, lang: Lang) {
  const devStarts = await count('/qemu/101/status/start');
  await card(page).getByRole('button', { name: WORDS[lang].stop, exact: true }).click();
  await expect(card(page)).toHaveAttribute('data-state', 'off', { timeout: 20_000 });
  await expect.poll(() => count('/qemu/101/status/start'), { timeout: 20_000 }).toBe(devStarts + 1);
  await expect(card(page)).toHaveAttribute('data-mode', 'testing', { timeout: 15_000 });
}

test.afterAll(async () => {
  await testingMode();
  await control('/proxmox/boot-delay', { ms: 20_000 });
});

for (const lang of ['en', 'fr'] as const) {
  test(`[${lang}] testing mode: home → Start gaming → ready, one start, DEV shut down first and back after Stop`, async ({ browser }) => {
    test.setTimeout(120_000);
    await testingMode();
    const w = WORDS[lang];
    const { ctx, page } = await phone(browser, lang, 'marie');
    await expect(card(page)).toHaveAttribute('data-state', 'off');
    await expect(card(page)).toHaveAttribute('data-mode', 'testing');
    await expect(page.getByTestId('gaming-preflight')).toContainText(w.note);
    const before = (await calls()).length;
    const starts = await count('/qemu/300/status/start');

    await card(page).getByRole('button', { name: w.start }).click();
    await expect(page.getByTestId('gaming-progress').or(card(page).locator('[data-state=starting]'))).toBeVisible({ timeout: 1_000 }); // at once
    await expect(card(page)).toHaveAttribute('data-state', 'ready', { timeout: 40_000 });
    await expect(page.getByTestId('gaming-lease')).toBeVisible();
    const mine = (await calls()).slice(before);
    const shutdown = mine.findIndex(isPost('/qemu/101/status/shutdown'));
    const start = mine.findIndex(isPost('/qemu/300/status/start'));
    expect(shutdown).toBeGreaterThanOrEqual(0);
    expect(start).toBeGreaterThan(shutdown);
    expect(await count('/qemu/300/status/start')).toBe(starts + 1);
    // Notifications leave through the outbox (the leader's dispatcher, every second in the e2e stack).
    await expect.poll(async () => (await notices()).some((n) => n.topic === 'paul-homelab' && n.title === 'DEV cluster shut down for gaming')).toBe(true);

    await stopAndDevBack(page, lang);
    await ctx.close();
  });

  test(`[${lang}] under Paul's hold: the card says so, Ask Paul → Paul's one tap → ready`, async ({ browser }) => {
    test.setTimeout(120_000);
    await testingMode();
    const w = WORDS[lang];
    const paul = await phone(browser, lang, 'paul', '/gaming');
    expect(await axe(paul.page)).toEqual([]); // the hold form
    await paul.page.getByRole('button', { name: w.hold }).click();
    await expect(paul.page.getByTestId('dev-hold-on')).toBeVisible();

    const marie = await phone(browser, lang, 'marie');
    await expect(page(marie).getByTestId('gaming-preflight')).toContainText(w.holdText);
    const starts = await count('/qemu/300/status/start');
    await card(marie.page).getByRole('button', { name: w.ask }).click();
    await expect(marie.page.getByTestId('gaming-asked')).toContainText(w.asked);
    expect(await axe(marie.page)).toEqual([]);
    expect(await count('/qemu/300/status/start')).toBe(starts);
    expect(await count('/qemu/101/status/shutdown')).toBeGreaterThanOrEqual(0);

    // Paul's notification carries a link; his one tap there starts the game for Marie.
    let link = '';
    await expect
      .poll(async () => {
        link = (await notices()).filter((n) => n.topic === 'paul-homelab' && n.title === 'Marie asks to play').at(-1)?.click ?? '';
        return link;
      })
      .toMatch(/\/gaming\?request=[0-9a-f-]{36}$/);
    const url = new URL(link);
    await paul.page.goto(`${url.pathname}${url.search}`);
    await expect(paul.page.getByRole('button', { name: w.allow })).toBeVisible();
    expect(await axe(paul.page)).toEqual([]); // the request to allow
    await paul.page.getByRole('button', { name: w.allow }).click();
    await expect(card(marie.page)).toHaveAttribute('data-state', /starting|booting|ready/, { timeout: 5_000 });
    await expect(card(marie.page)).toHaveAttribute('data-state', 'ready', { timeout: 40_000 });
    expect(await count('/qemu/300/status/start')).toBe(starts + 1);
    await expect(paul.page.getByTestId('dev-hold-on')).toHaveCount(0); // allowing ended the hold

    await stopAndDevBack(marie.page, lang);
    await paul.ctx.close();
    await marie.ctx.close();
  });
}

function page(p: { page: Page }) {
  return p.page;
}

test('[en] after a one-second Proxmox outage the card is right within 2 s of recovery, without reload', async ({ browser }) => {
  test.setTimeout(60_000);
  await testingMode();
  const { ctx, page: marie } = await phone(browser, 'en', 'marie');
  await expect(card(marie)).toHaveAttribute('data-state', 'off');
  for (const fault of [{ down: true }, { hang: true }]) {
    await control('/faults/proxmox', fault);
    await expect(card(marie)).toHaveAttribute('data-state', 'unreachable', { timeout: 15_000 });
    await new Promise((r) => setTimeout(r, 1_000));
    await control('/faults/proxmox/reset', {});
    await expect(card(marie)).toHaveAttribute('data-state', 'off', { timeout: 2_000 });
    await expect(card(marie).getByRole('button', { name: 'Start gaming' })).toBeEnabled({ timeout: 500 });
  }
  await ctx.close();
});

test('[en] a start whose answer is lost comes up in its session with a lease, and never shows failed', async ({ browser }) => {
  test.setTimeout(120_000);
  await testingMode();
  const { ctx, page: marie } = await phone(browser, 'en', 'marie');
  // The start reaches Proxmox, its answer comes after the panel's 5 s bound.
  await control('/proxmox/lose-next-answer', { path: '/qemu/300/status/start', ms: 8_000 });
  const starts = await count('/qemu/300/status/start');
  const states = new Set<string>();
  const watch = setInterval(() => void card(marie).getAttribute('data-state').then((s) => s && states.add(s)).catch(() => undefined), 200);
  await card(marie).getByRole('button', { name: 'Start gaming' }).click();
  await expect(card(marie)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  clearInterval(watch);
  expect(states.has('failed')).toBe(false);
  await expect(marie.getByTestId('gaming-lease')).toBeVisible();
  await expect(card(marie).getByRole('button', { name: 'Extend' })).toBeVisible();
  expect(await count('/qemu/300/status/start')).toBe(starts + 1);
  await stopAndDevBack(marie, 'en');
  await ctx.close();
});

test('[en] a VM started outside the panel is adopted with a lease; stopping it asks first', async ({ browser }) => {
  test.setTimeout(90_000);
  await testingMode();
  await control('/proxmox/vms/101/running', { running: false });
  const { ctx, page: marie } = await phone(browser, 'en', 'marie');
  await expect(card(marie)).toHaveAttribute('data-state', 'off');
  await control('/proxmox/vms/300/running', { running: true, agentReady: true });
  await expect(marie.getByTestId('gaming-state')).toHaveText(/^Ready to play \(found running, since \d{1,2}:\d\d( [AP]M)?\)$/, { timeout: 5_000 });
  await expect(marie.getByTestId('gaming-lease')).toBeVisible();
  await card(marie).getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(marie.getByTestId('gaming-stop-confirm')).toBeVisible();
  await marie.getByRole('button', { name: 'Yes, stop it' }).click();
  await expect(card(marie)).toHaveAttribute('data-state', 'off', { timeout: 20_000 });
  await ctx.close();
});

test("[en] Lucas must confirm before stopping Marie's game; Start again undoes it, same lease", async ({ browser }) => {
  test.setTimeout(120_000);
  await testingMode();
  await control('/proxmox/vms/101/running', { running: false });
  const marie = await phone(browser, 'en', 'marie');
  const lucas = await phone(browser, 'en', 'lucas');
  await card(marie.page).getByRole('button', { name: 'Start gaming' }).click();
  await expect(card(marie.page)).toHaveAttribute('data-state', 'ready', { timeout: 40_000 });
  const lease = await marie.page.getByTestId('gaming-lease').textContent();
  await expect(card(lucas.page)).toHaveAttribute('data-state', 'ready');
  await control('/proxmox/task-delay', { ms: 6_000 }); // Windows takes a while to shut down
  await card(lucas.page).getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(lucas.page.getByTestId('gaming-stop-confirm')).toContainText('Marie started this game. Stop it?');
  expect(await axe(lucas.page)).toEqual([]);
  await lucas.page.getByRole('button', { name: 'Yes, stop it' }).click();
  await expect(card(marie.page)).toHaveAttribute('data-state', 'stopping');
  await card(marie.page).getByRole('button', { name: 'Start again' }).click();
  await expect(card(marie.page)).toHaveAttribute('data-state', 'starting');
  await control('/proxmox/task-delay', { ms: 1_500 });
  await expect(card(marie.page)).toHaveAttribute('data-state', 'ready', { timeout: 40_000 });
  await expect(marie.page.getByTestId('gaming-lease')).toHaveText(lease!);
  await card(marie.page).getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(card(marie.page)).toHaveAttribute('data-state', 'off', { timeout: 20_000 });
  await marie.ctx.close();
  await lucas.ctx.close();
});

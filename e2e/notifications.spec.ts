import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { PANEL_URL } from '../playwright.config';
import { signIn } from './support/login';
import { control, endpoints } from './support/sim';

// Issue 16: notifications that matter. A DEV change passes its soak (the simulator's Argo CD health
// knob) → Paul gets an ntfy message and a Web Push — the simulated push service receives the real
// RFC 8291 payload and decrypts it — whose link lands on the approval after sign-in, on a phone;
// a freeze blocks that approval with its reason; Start → the "ready" push for the person who tapped it.
//
// The browser cannot receive a push from our simulated push service (Chromium only talks to its own),
// so each person's device is a key pair the simulator makes (POST /push/subscriptions), signed up
// through the panel's own API as the settings page does with PushManager's subscription.

test.describe.configure({ mode: 'serial' });

type Notice = { topic: string; title?: string; message: string; click?: string };
type Push = { subscription: string; status: number; vapid: { ok: boolean }; payload: string | null; encoding: string };
type Sub = { endpoint: string; keys: { p256dh: string; auth: string } };
const notices = async () => (await control<{ messages: Notice[] }>('/ntfy/messages')).messages;
const telegrams = async () => (await control<{ messages: { chat_id: string; text: string }[] }>('/telegram/messages')).messages;
const pushes = async (sub: Sub) => (await control<{ messages: Push[] }>('/push/messages')).messages.filter((m) => sub.endpoint.endsWith(`/${m.subscription}`));
const payloads = async (sub: Sub) => (await pushes(sub)).filter((m) => m.status === 201).map((m) => JSON.parse(m.payload ?? '{}') as { title: string; body: string; url: string });
const SERVICE = 'audiobookshelf';
const IMAGE = 'ghcr.io/advplyr/audiobookshelf';
const DEV = `kubernetes/overlays/dev/${SERVICE}/kustomization.yaml`;

async function subscribeDevice(page: Page): Promise<Sub> {
  const sub = await control<Sub>('/push/subscriptions', {});
  const res = await page.request.post('/api/notifications/push', { data: sub });
  expect(res.status(), await res.text()).toBe(200);
  return sub;
}

/** `YYYY-MM-DDTHH:MM` in Paris (the e2e panel's server.timeZone), `minutes` from now. */
function parisLocal(minutes: number): string {
  const p = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(Date.now() + minutes * 60_000));
  const g = (t: string) => p.find((x) => x.type === t)!.value;
  return `${g('year')}-${g('month')}-${g('day')}T${g('hour')}:${g('minute')}`;
}

const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test('a candidate passes soak → ntfy + decrypted Web Push → the link opens the approval on a phone after sign-in; a freeze blocks it with its reason', async ({ browser, page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'paul', 'paul', '/settings/notifications');
  await expect(page.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();
  const device = await subscribeDevice(page);
  await page.reload();
  await expect(page.getByTestId('push-count')).toHaveText('Devices signed up: 1');

  // DEV gets a new version, but DEV is broken: the soak gate fails and nobody is told. The image is
  // marked bad so the simulated sync itself ends Degraded (a Healthy window between the sync and the
  // knob below would let a slow machine announce it).
  await control('/images/bad', { ref: `${IMAGE}:2.18.0` });
  await control(`/argocd/apps/${SERVICE}-dev/status`, { health: 'Degraded', message: 'e2e: not yet' });
  const text = execFileSync('git', ['-C', endpoints().github.repoPath, 'show', `main:${DEV}`], { encoding: 'utf8' });
  await control('/github/external-commit', { message: `chore(${SERVICE}): bump DEV to 2.18.0`, files: { [DEV]: text.replace(/newTag: "[^"]+"/, 'newTag: "2.18.0"') } });
  await page.goto('/promotions');
  await expect(page.getByTestId(`candidate-${SERVICE}`)).toContainText('2.17.7 → 2.18.0');
  await control(`/argocd/apps/${SERVICE}-dev/status`, { health: 'Degraded', message: 'e2e: not yet' });
  await page.waitForTimeout(3_000); // more than one announcer round (readyCheckSeconds: 2)
  expect((await notices()).filter((n) => n.title === `Ready to promote: ${SERVICE}`)).toHaveLength(0);

  // DEV turns healthy: with the e2e soak of 0 h the candidate is ready → told once, on both channels.
  await control('/images/bad', { ref: `${IMAGE}:2.18.0`, bad: false });
  await control(`/argocd/apps/${SERVICE}-dev/status`, { health: 'Healthy', sync: 'Synced' });
  const link = `${PANEL_URL}/promotions?candidate=${SERVICE}`;
  await expect.poll(async () => (await notices()).filter((n) => n.title === `Ready to promote: ${SERVICE}`), { timeout: 20_000 }).toHaveLength(1);
  expect((await notices()).find((n) => n.title === `Ready to promote: ${SERVICE}`)).toMatchObject({ topic: 'paul-homelab', click: link, message: expect.stringContaining('2.17.7 → 2.18.0') });
  await expect.poll(async () => (await payloads(device)).filter((p) => p.title === `Ready to promote: ${SERVICE}`), { timeout: 10_000 }).toHaveLength(1);
  const push = (await pushes(device)).find((m) => m.payload?.includes(SERVICE))!;
  expect(push).toMatchObject({ status: 201, encoding: 'aes128gcm', vapid: { ok: true } });
  expect(JSON.parse(push.payload!)).toMatchObject({ url: link, body: expect.stringContaining('2.17.7 → 2.18.0') });
  // The same message in Paul's Telegram chat (the simulated Bot API): title, text and link.
  await expect.poll(async () => (await telegrams()).filter((m) => m.text.startsWith(`Ready to promote: ${SERVICE}\n`)), { timeout: 10_000 }).toHaveLength(1);
  const tg = (await telegrams()).find((m) => m.text.startsWith(`Ready to promote: ${SERVICE}\n`))!;
  expect(tg.chat_id).toBe(endpoints().telegram!.chatId);
  expect(tg.text).toContain('2.17.7 → 2.18.0');
  expect(tg.text.endsWith(`\n${link}`)).toBe(true);
  await page.waitForTimeout(3_000);
  expect((await notices()).filter((n) => n.title === `Ready to promote: ${SERVICE}`)).toHaveLength(1); // once
  expect((await telegrams()).filter((m) => m.text.startsWith(`Ready to promote: ${SERVICE}\n`))).toHaveLength(1);

  // A freeze, set by Paul for the exam week.
  const freeze = await page.request.post('/api/promotions/windows', { data: { kind: 'freeze', startsAt: parisLocal(-60), endsAt: parisLocal(120), reason: 'exam week' } });
  expect(freeze.status(), await freeze.text()).toBe(200);

  // Paul taps the notification on his phone: sign-in, then straight to the candidate.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const p = await phone.newPage();
  await signIn(p, 'paul', 'paul', link.replace(PANEL_URL, ''));
  await expect(p).toHaveURL(link);
  const card = p.getByTestId(`candidate-${SERVICE}`);
  await expect(card).toHaveAttribute('data-focused', 'true');
  await expect(card).toContainText('PROD is frozen until');
  await expect(card).toContainText('exam week');
  expect(await noHorizontalScroll(p)).toBe(true);
  // The diff scrolls inside its own box, never the page.
  expect(await card.getByTestId('diff').evaluate((el) => getComputedStyle(el).overflowX)).toBe('auto');

  await card.getByRole('button', { name: 'Review promotion' }).click();
  const approve = card.getByRole('button', { name: /^Approve/ });
  await expect(approve).toBeVisible();
  expect(await noHorizontalScroll(p)).toBe(true);
  await approve.click();
  await p.getByRole('dialog', { name: 'This changes PROD' }).getByRole('button', { name: 'Yes, promote' }).click();
  await expect(card.getByRole('alert')).toContainText(/PROD is frozen until \d{4}-\d\d-\d\d \d\d:\d\d \(Europe\/Paris\): exam week\. Nothing was committed\./);

  // Paul lifts the freeze on the same page; the approval goes through. Telegram is down meanwhile:
  // its "committed" message is tried maxAttempts (3) times, then shown to Paul as not delivered.
  await control('/telegram/fail', { status: 500, count: 1_000 });
  const windows = p.getByTestId('windows');
  await windows.getByRole('button', { name: 'Remove' }).click();
  await expect(windows).toContainText('No window and no freeze');
  await approve.click();
  await p.getByRole('dialog', { name: 'This changes PROD' }).getByRole('button', { name: 'Yes, promote' }).click();
  await p.waitForURL(/\/promotions\/[0-9a-f-]{36}$/);
  await expect(p.getByTestId('commit-sha')).toBeVisible();
  expect(await noHorizontalScroll(p)).toBe(true);
  await phone.close();
  try {
    await expect(async () => {
      await page.goto('/settings/notifications');
      await expect(page.getByTestId('failures').getByRole('listitem').filter({ hasText: 'Telegram answered 500: Internal Server Error' }).filter({ hasText: 'tried 3 times' }).first()).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
  } finally {
    await control('/telegram/clear', {});
  }
});

test('Start → the "ready" push and ntfy message go to the person who tapped it, in their language', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const paul = await browser.newContext();
  const pp = await paul.newPage();
  await signIn(pp, 'paul');
  const paulDevice = await subscribeDevice(pp);
  await control('/proxmox/vms/101/running', { running: false }); // the DEV cluster off: room for gaming
  await control('/proxmox/boot-delay', { ms: 3_000 });
  try {
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, 'marie', 'marie', '/settings/notifications');
    const device = await subscribeDevice(page);
    const readyNotices = async () => (await notices()).filter((n) => n.topic === 'marie-gaming' && n.title === 'The gaming PC is ready').length;
    const before = await readyNotices(); // earlier specs' sessions
    await page.goto('/');
    await page.getByRole('button', { name: 'Start gaming' }).click();
    await expect(page.getByTestId('gaming-state')).toHaveText(/^Ready to play/, { timeout: 20_000 });
    await expect.poll(async () => (await payloads(device)).map((x) => x.title), { timeout: 10_000 }).toContain('The gaming PC is ready');
    expect((await payloads(device)).find((x) => x.title === 'The gaming PC is ready')).toMatchObject({ body: expect.stringMatching(/^Have fun! It shuts down at \d\d:\d\d\.$/), url: `${PANEL_URL}/gaming` });
    await expect.poll(readyNotices).toBe(before + 1);
    await page.waitForTimeout(2_000);
    expect(await readyNotices()).toBe(before + 1); // once
    expect((await payloads(paulDevice)).map((x) => x.title)).not.toContain('The gaming PC is ready');
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByTestId('gaming-state')).toHaveText('Off', { timeout: 15_000 });
  } finally {
    await paul.close();
    await control('/proxmox/vms/101/running', { running: true });
    await control('/proxmox/vms/300/running', { running: false });
    await control('/proxmox/boot-delay', { ms: 20_000 });
  }
});

test('the settings page at 390 px: choices saved, the service worker registered, and the offline page when the network is gone', async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await phone.newPage();
  try {
    await signIn(page, 'marie');
    await page.getByRole('button', { name: /^Account of / }).click(); // the account menu, folded on a phone
    await page.getByTestId('user-notifications').click();
    await expect(page).toHaveURL(/\/settings\/notifications$/);
    // A family member chooses among gaming events only, on the channels the panel has.
    await expect(page.getByTestId('pref-promotion.ready')).toHaveCount(0);
    const lease = page.getByTestId('pref-gaming.leaseEnding');
    await expect(lease.getByRole('checkbox', { name: 'ntfy' })).toBeChecked();
    await lease.getByRole('checkbox', { name: 'ntfy' }).uncheck();
    await page.getByRole('checkbox', { name: 'No quiet hours' }).uncheck();
    await page.getByLabel('From').fill('21:30');
    await page.getByLabel('To').fill('07:00');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    expect(await noHorizontalScroll(page)).toBe(true);
    await page.reload();
    await expect(page.getByTestId('pref-gaming.leaseEnding').getByRole('checkbox', { name: 'ntfy' })).not.toBeChecked();
    await expect(page.getByLabel('From')).toHaveValue('21:30');
    // The service worker is registered by this page (PushManager present, not subscribed yet).
    await expect(page.getByTestId('push-device')).toHaveAttribute('data-state', 'off');
    await expect(page.getByRole('button', { name: 'Turn on for this device' })).toBeVisible();
    await page.evaluate(() => navigator.serviceWorker.ready);
    // Offline, a page load gets the static offline page from the service worker (nothing else is cached).
    await phone.setOffline(true);
    await page.goto('/gaming').catch(() => undefined);
    await expect(page.getByRole('heading', { name: 'You are offline' })).toBeVisible();
    await phone.setOffline(false);
    const cached = await page.evaluate(async () => (await Promise.all((await caches.keys()).map(async (k) => (await (await caches.open(k)).keys()).map((r) => new URL(r.url).pathname)))).flat());
    expect(cached).toEqual(['/offline.html']);
  } finally {
    await phone.close();
  }
});

import { expect, test, type Browser } from '@playwright/test';
import { PANEL_URL } from '../playwright.config';
import { signIn } from './support/login';

// Hostile input against the built panel: a forged X-Forwarded-For (no trusted proxy is configured:
// the socket's address is recorded), and an event stream that must end when its session signs out.

async function cookieOf(browser: Browser, user: string): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, user);
  const cookies = await context.cookies();
  await context.close();
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

test('a forged X-Forwarded-For is not the recorded address, however long', async ({ browser }) => {
  const admin = await cookieOf(browser, 'paul');
  const forged = await fetch(`${PANEL_URL}/api/gaming/start`, {
    method: 'POST',
    headers: { cookie: admin, origin: PANEL_URL, 'content-type': 'application/json', 'x-forwarded-for': `${'9'.repeat(6000)}, 7.7.7.7, 8.8.8.8` },
    body: '{"__forged":true}',
  });
  expect(forged.status).toBe(400);
  const res = await fetch(`${PANEL_URL}/api/audit?action=POST%20/api/gaming/start&limit=5`, { headers: { cookie: admin } });
  const { events } = (await res.json()) as { events: { ip: string | null; details: Record<string, unknown> }[] };
  expect(events.length).toBeGreaterThan(0);
  expect(events[0].ip).toBe('127.0.0.1');
});

test('an event stream ends within 5 s of signing out, on the server side', async ({ browser }) => {
  const cookie = await cookieOf(browser, 'paul');
  const res = await fetch(`${PANEL_URL}/api/events`, { headers: { cookie } });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  let text = '';
  const ended = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return Date.now();
      text += new TextDecoder().decode(value);
    }
  })();
  await expect.poll(() => text).toContain('connected');
  const out = await fetch(`${PANEL_URL}/api/sign-out`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: PANEL_URL } });
  expect(out.status).toBe(303);
  const t0 = Date.now();
  const closedAt = await Promise.race([ended, new Promise<number>((r) => setTimeout(() => r(-1), 8_000))]);
  expect(closedAt, 'the stream was still open 8 s after sign-out').toBeGreaterThan(0);
  expect(closedAt - t0).toBeLessThan(5_000);
  // And the signed-out cookie opens no new stream.
  expect((await fetch(`${PANEL_URL}/api/events`, { headers: { cookie } })).status).toBe(401);
});

import { createHash } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { signIn } from './support/login';

test.describe('security headers', () => {
  test('pages carry a nonce-based CSP and the hardening headers, and nothing is blocked', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content[- ]Security[- ]Policy/i.test(m.text())) violations.push(m.text());
    });
    const res = await page.goto('/signin');
    const h = res!.headers();
    expect(h['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(h['permissions-policy']).toContain('camera=()');
    await signIn(page, 'paul');
    await page.goto('/audit');
    await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
    expect(violations).toEqual([]);
  });

  // The signed-in `/` is prerendered (issue 15): no nonce, the hash of each of its scripts instead.
  for (const user of ['marie', 'paul'] as const) {
    test(`${user}'s / is a shell trusted by hashes: every script of its HTML is in the header, nothing is blocked`, async ({ page }) => {
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content[- ]Security[- ]Policy/i.test(m.text())) violations.push(m.text());
      });
      await signIn(page, user);
      const res = await page.goto('/');
      const csp = res!.headers()['content-security-policy'];
      expect(csp).not.toContain("'nonce-");
      expect(res!.headers()['cache-control']).toBe('private, no-cache');
      expect(csp).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/);
      expect(csp).not.toContain('strict-dynamic');
      const html = await res!.text();
      const sources = new Set(csp.split(/[\s;]+/));
      const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter((m) => !/\bsrc=/.test(m[1]) && m[2] !== '');
      expect(inline.length).toBeGreaterThan(0);
      for (const m of inline) expect(sources, m[2].slice(0, 60)).toContain(`'sha256-${createHash('sha256').update(m[2]).digest('base64')}'`);
      for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) expect(sources, m[1]).toContain(`'${/integrity="([^"]+)"/.exec(m[0])?.[1]}'`);
      // The name arrives after load, never in the HTML (the same for everyone of the role).
      await expect(page.getByTestId('user-name')).not.toBeEmpty();
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Hello');
      expect(html).not.toContain((await page.getByTestId('user-name').textContent())!);
      expect(violations).toEqual([]);
    });
  }

  // The shell is answered by Next (through the proxy) or, when the session cookie was decoded less
  // than 2 s ago, at the door before Next (server/http/shell-door.ts): the two must not differ.
  test("the door's / and Next's / are the same answer", async ({ page }) => {
    await signIn(page, 'marie');
    await page.goto('about:blank'); // no API call of the page keeps the session remembered
    await page.waitForTimeout(2_500); // the session cache forgets the cookie: Next answers
    const viaNext = await page.request.get('/', { maxRedirects: 0 });
    const viaDoor = await page.request.get('/', { maxRedirects: 0 }); // remembered: the door answers
    for (const r of [viaNext, viaDoor]) expect(r.status()).toBe(200);
    expect(viaNext.headers()['x-nextjs-cache'] ?? viaNext.headers()['x-nextjs-prerender']).toBeTruthy();
    expect(viaDoor.headers()['x-nextjs-cache'] ?? viaDoor.headers()['x-nextjs-prerender']).toBeUndefined();
    expect(await viaDoor.text()).toBe(await viaNext.text());
    for (const h of ['content-security-policy', 'cache-control', 'content-type', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'permissions-policy', 'cross-origin-opener-policy']) {
      expect(viaDoor.headers()[h], h).toBe(viaNext.headers()[h]);
    }
    expect(viaDoor.headers()['x-request-id']).toBeTruthy();
    // Revalidation: the door's ETag answers 304 with no body.
    const again = await page.request.get('/', { headers: { 'if-none-match': viaDoor.headers().etag }, maxRedirects: 0 });
    expect([200, 304]).toContain(again.status());
  });

  test('API answers carry nosniff too', async ({ request }) => {
    const res = await request.get('/api/healthz');
    expect(res.headers()['x-content-type-options']).toBe('nosniff');
  });
});

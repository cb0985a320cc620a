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

  test('API answers carry nosniff too', async ({ request }) => {
    const res = await request.get('/api/healthz');
    expect(res.headers()['x-content-type-options']).toBe('nosniff');
  });
});

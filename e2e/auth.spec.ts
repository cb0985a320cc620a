import { expect, test } from '@playwright/test';
import { signIn } from './support/login';
import { E2E_ACCESS_TOKEN_TTL_S } from './support/paths';
import { control } from './support/sim';

test.describe('signing in through Keycloak', () => {
  test('the admin sees their name and role', async ({ page }) => {
    await signIn(page, 'paul');
    await expect(page).toHaveURL(/localhost:\d+\/$/);
    await expect(page.getByTestId('user-name')).toHaveText('Paul Martin');
    await expect(page.getByTestId('user-role')).toHaveText('admin');
    await expect(page.getByRole('link', { name: 'Audit log' })).toBeVisible();
  });

  test('a family member sees their role and no admin pages', async ({ page }) => {
    await signIn(page, 'marie');
    await expect(page.getByTestId('user-role')).toHaveText('family');
    await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
    const res = await page.request.get('/api/audit');
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe('forbidden');
  });

  test('an account without a role gets the no-access page, and the refusal is audited', async ({ page, browser }) => {
    await signIn(page, 'guest');
    await expect(page).toHaveURL(/\/no-access$/);
    await expect(page.getByText('Ask Paul for access')).toBeVisible();

    const admin = await browser.newPage();
    await signIn(admin, 'paul', 'paul', '/audit?actor=Guest&outcome=denied');
    await expect(admin.getByTestId('audit-row').filter({ hasText: 'auth.sign-in' })).not.toHaveCount(0);
    await expect(admin.getByTestId('audit-row').first()).toContainText('denied');
    await admin.close();
  });

  test('API calls without a session get 401 JSON, never a redirect', async ({ request }) => {
    for (const path of ['/api/me', '/api/audit']) {
      const res = await request.get(path, { maxRedirects: 0 });
      expect(res.status()).toBe(401);
      expect(res.headers()['content-type']).toContain('application/json');
      expect((await res.json()).error.code).toBe('unauthenticated');
    }
  });

  test('a session survives past the access-token lifetime', async ({ page }) => {
    test.setTimeout(90_000);
    await signIn(page, 'lucas');
    await expect(page.getByTestId('user-name')).toHaveText('Lucas Martin');
    const before = (await control<Record<string, number>>('/oidc/grants')).refresh_token ?? 0;
    await page.waitForTimeout((E2E_ACCESS_TOKEN_TTL_S + 3) * 1000);
    await page.reload();
    await expect(page).not.toHaveURL(/\/signin|\/realms\//);
    await expect(page.getByTestId('user-name')).toHaveText('Lucas Martin');
    const me = await page.request.get('/api/me');
    expect(me.status()).toBe(200);
    expect((await me.json()).name).toBe('Lucas Martin');
    // The panel really used its refresh token at Keycloak (not merely a long-lived cookie).
    expect((await control<Record<string, number>>('/oidc/grants')).refresh_token ?? 0).toBeGreaterThan(before);
  });

  test('a page left open goes to the sign-in page when its session ends elsewhere', async ({ page, context }) => {
    await signIn(page, 'lucas', 'lucas', '/services');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // Signed out in another tab of the same browser: the cookie is gone for both tabs.
    const other = await context.newPage();
    await other.goto('/');
    await other.getByRole('button', { name: 'Sign out' }).click();
    await expect(other).toHaveURL(/\/signin/);
    // The next live update makes the first tab refetch: a 401, so it goes to sign in, and back here after.
    try {
      await control('/argocd/apps/navidrome-cloud/status', { health: 'Progressing', message: 'e2e session end' });
      await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fservices/, { timeout: 15_000 });
    } finally {
      await control('/argocd/apps/navidrome-cloud/status', { health: 'Healthy', sync: 'Synced' });
    }
  });

  test('signing out ends the panel session and the Keycloak session', async ({ page }) => {
    await signIn(page, 'emma');
    const oldCookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/signin/);
    expect((await page.request.get('/api/me')).status()).toBe(401);
    // A cookie from before the sign-out (as a request in flight at that moment could set again) is dead.
    expect((await page.request.get('/api/me', { headers: { cookie: oldCookie } })).status()).toBe(401);
    // The IdP session is gone too: signing in again asks for the password.
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByLabel('Password')).toBeVisible();
    expect((await control<{ users: string[] }>('/oidc/sessions')).users).not.toContain('emma');
  });
});

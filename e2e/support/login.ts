import { expect, type Browser, type Page } from '@playwright/test';

/** Signs in through the simulator's Keycloak-shaped login page, as a person would. */
export async function signIn(page: Page, username: string, password = username, startAt = '/') {
  await page.goto(startAt);
  await expect(page).toHaveURL(/\/signin/);
  // The panel's own page speaks the browser's language (English or French).
  await page.getByRole('button', { name: /^(Sign in|Se connecter)$/ }).click();
  await expect(page.getByRole('heading', { name: 'homelab' })).toBeVisible();
  await page.getByLabel('Username or email').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign In' }).click();
  // The simulated Keycloak is served on 127.0.0.1, the panel on localhost: back on the panel means done.
  await page.waitForURL((url) => url.hostname === 'localhost' && !url.pathname.startsWith('/api/auth'));
}

/** The session cookies of `username` (signed in through the simulated Keycloak) as a Cookie header; '' for nobody. */
export async function cookieHeader(browser: Browser, username: string | null): Promise<string> {
  if (!username) return '';
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, username);
  const cookies = await context.cookies();
  await context.close();
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

import { expect, type Page } from '@playwright/test';

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

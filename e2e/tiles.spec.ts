// Tiles that look like the services (issue 16): Simple Icons brands drawn from path data sent by the
// server, the initial for names without a brand, and a service annotated the Homepage way
// (gethomepage.dev/*) shown like the others, under its group — on its Application, its Ingress or
// its HTTPRoute.
import { expect, test } from '@playwright/test';
import { signIn } from './support/login';

test("the family's tiles: brand icons, initials as the fallback, Homepage's annotations and groups", async ({ page }) => {
  await signIn(page, 'marie');
  const tiles = page.getByTestId('service-tile');
  await expect(tiles.filter({ hasText: 'Nextcloud' }).locator('[data-icon=brand] path')).toHaveAttribute('d', /^M/);
  await expect(tiles.filter({ hasText: 'Home Assistant' }).locator('[data-icon=brand]')).toBeVisible();
  await expect(tiles.filter({ hasText: 'Music' }).locator('[data-icon=initial]')).toHaveText('M');
  // Glance carries only gethomepage.dev/* annotations in the simulator.
  const glance = tiles.filter({ hasText: 'Glance' });
  await expect(glance).toHaveAttribute('href', 'https://glance.homelab.example');
  await expect(glance.locator('[data-icon=brand]')).toBeVisible();
  const home = page.getByTestId('tile-group').filter({ has: page.getByRole('heading', { name: 'Home' }) });
  await expect(home.getByTestId('service-tile')).toHaveCount(2);
  // RomM's and Comet's Applications carry no tile annotations: RomM's Ingress and Comet's HTTPRoute
  // do, the Homepage way, and their link is the route's host (docs/coming-from-homepage.md).
  const media = page.getByTestId('tile-group').filter({ has: page.getByRole('heading', { name: 'Media' }) });
  await expect(media.getByTestId('service-tile').filter({ hasText: 'RomM' })).toHaveAttribute('href', 'https://romm.home.arpa/');
  await expect(media.getByTestId('service-tile').filter({ hasText: 'Comet' })).toHaveAttribute('href', 'https://comet.homelab.example/');
  // No icon package in the browser: the brand paths came with the page.
  const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name).filter((n) => /simple-icons/.test(n)));
  expect(scripts).toEqual([]);
});

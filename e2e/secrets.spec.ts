import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { parse } from 'yaml';
import { signIn } from './support/login';
import { E2E_DIR } from './support/paths';
import { endpoints } from './support/sim';

// No secret ever reaches the browser: not in the bundle (built with canary secrets by
// scripts/test.sh), not in any page or API answer, not readable by page scripts.

function runtimeSecrets(): string[] {
  const ep = endpoints();
  const cfg = parse(fs.readFileSync(path.join(E2E_DIR, 'homelab.yaml'), 'utf8')) as { auth: { secret: string } };
  return [ep.oidc.clientSecret, ep.github.token, ep.proxmox.tokenSecret, ...ep.clusters.map((c) => c.token), cfg.auth.secret];
}

function canaries(): string[] {
  const file = path.resolve('.reports/canaries.json');
  return fs.existsSync(file) ? Object.values(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>) : [];
}

function* files(dir: string): Generator<string> {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else yield p;
  }
}

const PAGES = ['/', '/audit', '/clusters', '/services', '/capacity', '/promotions', '/gaming'];
const APIS = ['/api/me', '/api/auth/session', '/api/audit', '/api/clusters', '/api/services', '/api/capacity', '/api/promotions', '/api/gaming'];

test('no secret is in the browser bundle', () => {
  const secrets = [...canaries(), ...runtimeSecrets()];
  expect(secrets.length).toBeGreaterThan(5);
  let scanned = 0;
  for (const dir of ['.next/static', '.next/standalone/.next/static', '.next/standalone/public']) {
    for (const f of files(dir)) {
      const text = fs.readFileSync(f, 'latin1');
      scanned++;
      for (const s of secrets) expect(text.includes(s), `${s.slice(0, 12)}… found in ${f}`).toBe(false);
    }
  }
  expect(scanned).toBeGreaterThan(0);
});

for (const user of ['paul', 'marie']) {
  test(`no secret in any page or API answer for ${user}, and session cookies are httpOnly`, async ({ page, context }) => {
    const secrets = runtimeSecrets();
    await signIn(page, user);
    const bodies: string[] = [];
    for (const p of PAGES) {
      const res = await page.goto(p);
      bodies.push((await res?.text()) ?? '');
    }
    for (const p of APIS) bodies.push(await (await page.request.get(p)).text());
    for (const body of bodies) for (const s of secrets) expect(body.includes(s)).toBe(false);
    const session = await page.request.get('/api/auth/session');
    const json = await session.json();
    expect(Object.keys(json.user).sort()).toEqual(['email', 'name', 'role', 'subject']);
    expect(JSON.stringify(json)).not.toMatch(/token/i);
    const cookies = await context.cookies();
    const auth = cookies.filter((c) => c.name.includes('authjs'));
    expect(auth.length).toBeGreaterThan(0);
    for (const c of auth.filter((c) => c.name.includes('session-token'))) {
      expect(c.httpOnly).toBe(true);
      expect(c.sameSite).toBe('Lax');
    }
    expect(await page.evaluate(() => document.cookie)).not.toContain('session-token');
  });
}

import { expect, test, type Browser } from '@playwright/test';
import { PANEL_URL } from '../playwright.config';
import { ACTION_ACCESS, ROUTE_ACCESS, SEGMENTS, type Access } from './support/authz-table';
import { signIn } from './support/login';
import { routeHandlers, serverActions } from './support/routes';

// Every route handler × {anonymous, signed in without a role, family, admin}. Mutations are probed
// with a body carrying an unknown field: an allowed caller must get a 4xx validation answer (so the
// probe never executes anything, and schemas refuse unknown fields), a refused one 401/403.

type Caller = 'anonymous' | 'none' | 'family' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'none', 'family', 'admin'];
const LOGIN: Record<Exclude<Caller, 'anonymous'>, string> = { none: 'guest', family: 'marie', admin: 'paul' };

function allowed(access: Access, caller: Caller): boolean | 'any' {
  if (typeof access === 'object') return 'any';
  if (access === 'public') return true;
  if (access === 'token') return false;
  if (access === 'user') return caller !== 'anonymous';
  if (access === 'family') return caller === 'family' || caller === 'admin';
  return caller === 'admin';
}

async function cookieHeader(browser: Browser, caller: Caller): Promise<string> {
  if (caller === 'anonymous') return '';
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, LOGIN[caller]);
  const cookies = await context.cookies();
  await context.close();
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

test('every route and server action has an expected answer in the table', () => {
  const routes = routeHandlers().map((r) => r.key);
  expect(routes.filter((k) => !(k in ROUTE_ACCESS)), 'routes missing from e2e/support/authz-table.ts').toEqual([]);
  expect(Object.keys(ROUTE_ACCESS).filter((k) => !routes.includes(k)), 'table rows for routes that no longer exist').toEqual([]);
  const actions = serverActions();
  expect(actions.filter((k) => !(k in ACTION_ACCESS)), 'server actions missing from the table').toEqual([]);
});

test('routes × callers: no escalation, and refusals are 401/403 JSON', async ({ browser }) => {
  test.setTimeout(180_000);
  const cookies = Object.fromEntries(await Promise.all(CALLERS.map(async (c) => [c, await cookieHeader(browser, c)] as const)));
  const escalations: string[] = [];
  const wrong: string[] = [];
  for (const r of routeHandlers()) {
    const access = ROUTE_ACCESS[r.key];
    if (typeof access === 'object') continue;
    const url = PANEL_URL + r.pattern.replace(/\[[^\]]+\]/g, (s) => SEGMENTS[s] ?? 'x');
    for (const caller of CALLERS) {
      const ctl = new AbortController();
      const res = await fetch(url, {
        method: r.method,
        redirect: 'manual',
        signal: ctl.signal,
        headers: { cookie: cookies[caller], origin: PANEL_URL, 'content-type': 'application/json' },
        body: r.method === 'GET' ? undefined : JSON.stringify({ __authzProbe: true }),
      });
      ctl.abort(); // event streams never end; the status is all we need
      const want = allowed(access, caller);
      const label = `${r.key} as ${caller} → ${res.status}`;
      if (res.status >= 500) wrong.push(`${label} (server error)`);
      if (want === false) {
        if (res.status < 400 || ![401, 403, 404].includes(res.status)) escalations.push(label);
        if (access !== 'token' && res.status !== (caller === 'anonymous' ? 401 : 403)) wrong.push(`${label} (expected ${caller === 'anonymous' ? 401 : 403})`);
      } else if (want === true) {
        if ([401, 403].includes(res.status)) wrong.push(`${label} (refused an allowed caller)`);
        if (r.method !== 'GET' && res.status < 400) escalations.push(`${label} (the probe was executed: the schema accepted an unknown field)`);
      }
    }
  }
  expect(escalations).toEqual([]);
  expect(wrong).toEqual([]);
});

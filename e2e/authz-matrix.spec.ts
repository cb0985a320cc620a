import { expect, test, type Browser } from '@playwright/test';
import { PANEL_URL } from '../playwright.config';
import { boundArgsFromHtml, builtActions, MANIFEST_FILE, readActionAnswer, type ActionAnswer } from './support/actions';
import { ACTION_ACCESS, ROUTE_ACCESS, SEGMENTS, type Access } from './support/authz-table';
import { cookieHeader } from './support/login';
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

const cookieOf = (browser: Browser, caller: Caller) => cookieHeader(browser, caller === 'anonymous' ? null : LOGIN[caller]);

test('every route and server action has an expected answer in the table', () => {
  const routes = routeHandlers().map((r) => r.key);
  expect(routes.filter((k) => !(k in ROUTE_ACCESS)), 'routes missing from e2e/support/authz-table.ts').toEqual([]);
  expect(Object.keys(ROUTE_ACCESS).filter((k) => !routes.includes(k)), 'table rows for routes that no longer exist').toEqual([]);
  const actions = serverActions();
  expect(actions.filter((k) => !(k in ACTION_ACCESS)), 'server actions missing from the table').toEqual([]);
  expect(Object.keys(ACTION_ACCESS).filter((k) => !actions.includes(k)), 'table rows for server actions that no longer exist').toEqual([]);
  // Every action in the code can be called over HTTP (it is in the build), and the build has no other.
  const built = builtActions().map((a) => a.key);
  expect(actions.filter((k) => !built.includes(k)), `server actions not found in ${MANIFEST_FILE}`).toEqual([]);
  expect(built.filter((k) => !actions.includes(k)), 'built server actions that e2e/support/routes.ts does not find in the code').toEqual([]);
});

test('routes × callers: no escalation, and refusals are 401/403 JSON', async ({ browser }) => {
  test.setTimeout(180_000);
  const cookies = Object.fromEntries(await Promise.all(CALLERS.map(async (c) => [c, await cookieOf(browser, c)] as const)));
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
      if (!res.headers.get('x-request-id')) wrong.push(`${label} (no x-request-id header: not wrapped by route()?)`);
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

/** What the answer of a server action means: refused (sign-in redirect, 401/403-like result) or executed. */
function actionVerdict(a: ActionAnswer): 'refused' | 'executed' | 'error' {
  if (a.kind === 'error') return 'error';
  if (a.kind === 'redirect') return new URL(a.location, PANEL_URL).pathname === '/signin' ? 'refused' : 'executed';
  const v = a.value as { ok?: boolean; code?: string } | null;
  return v && v.ok === false && (v.code === 'unauthenticated' || v.code === 'forbidden') ? 'refused' : 'executed';
}

interface AuditRow {
  id: string;
  actor: string;
  action: string;
  outcome: string;
}

// Server actions are called over HTTP the way the browser does (POST to a page that includes the
// action, `Next-Action: <id>` from the build's manifest, React-encoded arguments) with the same probe.
test('server actions × callers over HTTP: no escalation, refusals change nothing', async ({ browser }) => {
  test.setTimeout(180_000);
  const cookies = Object.fromEntries(await Promise.all(CALLERS.map(async (c) => [c, await cookieOf(browser, c)] as const)));
  const audit = async (): Promise<AuditRow[]> => {
    const res = await fetch(`${PANEL_URL}/api/audit?limit=200`, { headers: { cookie: cookies.admin } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { events: AuditRow[] }).events;
  };
  const escalations: string[] = [];
  const wrong: string[] = [];
  let checked = 0;
  for (const action of builtActions()) {
    const access = ACTION_ACCESS[action.key];
    if (access === undefined || typeof access === 'object') continue;
    const page = PANEL_URL + action.page.replace(/\[[^\]]+\]/g, (s) => SEGMENTS[s] ?? 'x');
    // An inline action's closure variables come encrypted in the page's form, as for a browser.
    const bound = action.inline ? boundArgsFromHtml(await (await fetch(page, { redirect: 'manual' })).text(), action.id) : [];
    for (const caller of CALLERS) {
      const before = (await audit())[0]?.id ?? '0';
      const res = await fetch(page, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          cookie: cookies[caller],
          origin: PANEL_URL,
          accept: 'text/x-component',
          'next-action': action.id,
          'content-type': 'text/plain;charset=UTF-8',
        },
        body: JSON.stringify([...bound, { __authzProbe: true }]),
      });
      const answer = await readActionAnswer(res);
      const verdict = actionVerdict(answer);
      const want = allowed(access, caller);
      const label = `${action.key} as ${caller} → ${res.status} ${JSON.stringify(answer).slice(0, 200)}`;
      checked++;
      if (verdict === 'error') wrong.push(`${label} (error)`);
      if (!res.headers.get('x-request-id')) wrong.push(`${label} (no x-request-id header from the proxy)`);
      if (want === false) {
        if (verdict === 'executed') escalations.push(label);
        // Refused means nothing happened: the only audit rows written since are the refusal's own.
        const since = (await audit()).filter((e) => BigInt(e.id) > BigInt(before) && !e.actor.startsWith('system:'));
        const effects = since.filter((e) => e.outcome !== 'denied');
        if (effects.length) escalations.push(`${label} (side effects: ${effects.map((e) => `${e.action} ${e.outcome}`).join(', ')})`);
      } else if (want === true && verdict === 'refused') {
        wrong.push(`${label} (refused an allowed caller)`);
      }
    }
  }
  expect(checked).toBe(Object.values(ACTION_ACCESS).filter((a) => typeof a !== 'object').length * CALLERS.length);
  expect(escalations).toEqual([]);
  expect(wrong).toEqual([]);
});

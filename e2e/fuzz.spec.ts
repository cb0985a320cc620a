import { expect, test, type Browser } from '@playwright/test';
import { PANEL_URL } from '../playwright.config';
import { builtActions } from './support/actions';
import { ROUTE_ACCESS, SEGMENTS } from './support/authz-table';
import { cookieHeader } from './support/login';
import { routeHandlers } from './support/routes';

// Malformed input to every route handler, page and server action, as anonymous, family and admin:
// hostile path segments, query strings, bodies and headers. Whatever comes in, the answer is never
// a 5xx. Every body is malformed or carries an unknown field, so nothing is ever executed.

type Caller = 'anonymous' | 'family' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'family', 'admin'];
const LOGIN = { family: 'marie', admin: 'paul' } as const;
// Ending the session or driving the sign-in flow would change the callers themselves.
const SKIP = new Set(['POST /api/sign-out', 'POST /api/auth/[...nextauth]']);

const SEGMENT_VALUES = ['%00', '..%2F..%2Fetc%2Fpasswd', 'x'.repeat(3000), '%ff%fe', "' OR 1=1 --", '%E2%80%AE', '-1', '9999999999999999999999'];
const QUERIES = ['?cursor=9999999999999999999', '?cursor=-1', '?actor=%00', '?action=%00%01', '?limit=abc', '?limit=-5&limit=7', '?outcome[]=x', `?lastEventId=${'9'.repeat(5000)}`, '?%zz=1', '?callbackUrl=javascript:alert(1)'];
// No `null` body: for a verb without input (batch, start) it is the same as an empty request — a valid
// call that would really promote or start, changing the state the specs after this one start from.
const BODIES: { type: string; body: string }[] = [
  { type: 'application/json', body: '{"a":' },
  { type: 'application/json', body: '[]' },
  { type: 'application/json', body: '"string"' },
  { type: 'application/json', body: '1e309' },
  { type: 'application/json', body: `${'['.repeat(5000)}${']'.repeat(5000)}` },
  { type: 'application/json', body: '{"__fuzz":"\\u0000","id":"\\u0000","reason":"a\\u0000b"}' },
  { type: 'application/json', body: '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}' },
  { type: 'application/json', body: '{"services":[null,1,{}],"minutes":"NaN","leaseEndsAt":"tomorrow","__fuzz":1}' },
  { type: 'application/json', body: JSON.stringify({ __fuzz: 'y'.repeat(20_000) }) },
  { type: 'application/x-www-form-urlencoded', body: 'a=1&b=%00' },
  { type: 'text/plain', body: '\u0000\u0001\u0002' },
];
const HEADERS: Record<string, string>[] = [
  { 'x-forwarded-for': `${'1.'.repeat(3000)}1, 7.7.7.7` },
  { 'last-event-id': '\u00ff'.repeat(100) },
  { origin: 'null' },
  { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
  { cookie: 'authjs.session-token=garbage; __Secure-authjs.session-token=%00' },
];

const cookieOf = (browser: Browser, caller: Caller) => cookieHeader(browser, caller === 'anonymous' ? null : LOGIN[caller]);

interface Probe {
  label: string;
  url: string;
  init: Omit<RequestInit, 'headers'> & { headers: Record<string, string> };
}

function probesFor(method: string, pattern: string): Probe[] {
  const fill = (v?: string) => pattern.replace(/\[\.\.\.[^\]]+\]/g, v ?? 'session').replace(/\[[^\]]+\]/g, (s) => v ?? SEGMENTS[s] ?? 'x');
  const base = { method, redirect: 'manual' as const };
  const out: Probe[] = [];
  const validBody = method === 'GET' ? undefined : '{"__fuzz":true}';
  if (pattern.includes('[')) for (const v of SEGMENT_VALUES) out.push({ label: `segment ${v.slice(0, 20)}`, url: fill(v), init: { ...base, headers: { 'content-type': 'application/json' }, body: validBody } });
  for (const q of QUERIES) out.push({ label: `query ${q.slice(0, 30)}`, url: fill() + q, init: { ...base, headers: { 'content-type': 'application/json' }, body: validBody } });
  if (method !== 'GET') for (const b of BODIES) out.push({ label: `body ${b.body.slice(0, 30)}`, url: fill(), init: { ...base, headers: { 'content-type': b.type }, body: b.body } });
  for (const h of HEADERS) out.push({ label: `headers ${Object.keys(h).join(',')}`, url: fill(), init: { ...base, headers: { 'content-type': 'application/json', ...h }, body: validBody } });
  return out;
}

async function send(url: string, init: Probe['init'], cookie: string): Promise<number> {
  const ctl = new AbortController();
  const headers: Record<string, string> = { origin: PANEL_URL, ...init.headers };
  if (cookie && !('cookie' in init.headers)) headers.cookie = cookie;
  const res = await fetch(PANEL_URL + url, { ...init, headers, signal: ctl.signal });
  if (!(res.headers.get('content-type') ?? '').includes('event-stream')) await res.arrayBuffer().catch(() => undefined);
  ctl.abort(); // event streams never end; the status is all we need
  return res.status;
}

test('≥ 20 malformed inputs to every route handler and page, as each caller: no 5xx', async ({ browser }) => {
  test.setTimeout(600_000);
  const cookies = Object.fromEntries(await Promise.all(CALLERS.map(async (c) => [c, await cookieOf(browser, c)] as const)));
  const pages = ['/', '/services', '/audit', '/clusters', '/clusters/[name]', '/promotions', '/promotions/[id]', '/gaming', '/capacity', '/signin', '/no-access'];
  const targets = [...routeHandlers().filter((r) => !SKIP.has(r.key) && r.key in ROUTE_ACCESS), ...pages.map((p) => ({ key: `GET ${p} (page)`, method: 'GET', pattern: p }))];
  const errors: string[] = [];
  let sent = 0;
  for (const r of targets) {
    const probes = probesFor(r.method, r.pattern);
    expect(probes.length, r.key).toBeGreaterThanOrEqual(r.method === 'GET' && !r.pattern.includes('[') ? 15 : 20);
    for (const caller of CALLERS) {
      for (const p of probes) {
        const status = await send(p.url, p.init, cookies[caller]);
        sent++;
        if (status >= 500) errors.push(`${r.key} as ${caller}, ${p.label} → ${status}`);
      }
    }
  }
  expect(sent).toBeGreaterThan(1500);
  expect(errors).toEqual([]);
});

test('≥ 20 malformed calls to every server action, and tampered or cross-origin action posts: no 5xx', async ({ browser }) => {
  test.setTimeout(300_000);
  const cookies = Object.fromEntries(await Promise.all(CALLERS.map(async (c) => [c, await cookieOf(browser, c)] as const)));
  const errors: string[] = [];
  const actionHeaders = (id: string, extra: Record<string, string> = {}) => ({ accept: 'text/x-component', 'next-action': id, 'content-type': 'text/plain;charset=UTF-8', ...extra });
  const bodies = ['', 'not json', '[', '[null]', '{}', '[{"__fuzz":"\\u0000"}]', `[${'['.repeat(3000)}${']'.repeat(3000)}]`, '["$@99"]', '["$K1"]', '["$Q1"]', '[1e309]', JSON.stringify(['y'.repeat(50_000)])];
  for (const action of builtActions()) {
    const page = action.page.replace(/\[[^\]]+\]/g, (s) => SEGMENTS[s] ?? 'x');
    const probes: Probe[] = [
      ...bodies.map((body) => ({ label: `body ${body.slice(0, 20)}`, url: page, init: { method: 'POST', redirect: 'manual' as const, headers: actionHeaders(action.id), body } })),
      { label: 'cross-origin', url: page, init: { method: 'POST', redirect: 'manual', headers: actionHeaders(action.id, { origin: 'https://evil.example' }), body: '[]' } },
      { label: 'forwarded host mismatch', url: page, init: { method: 'POST', redirect: 'manual', headers: actionHeaders(action.id, { 'x-forwarded-host': 'evil.example' }), body: '[]' } },
      { label: 'multipart garbage', url: page, init: { method: 'POST', redirect: 'manual', headers: actionHeaders(action.id, { 'content-type': 'multipart/form-data; boundary=x' }), body: '--x\r\nContent-Disposition: form-data; name="1_$ACTION_ID_0"\r\n\r\nq\r\n--x--' } },
    ];
    for (const id of ['0'.repeat(42), 'x', '../../etc', action.id.slice(0, -2) + 'zz', '%00', action.id + action.id]) {
      probes.push({ label: `tampered id ${id.slice(0, 12)}`, url: page, init: { method: 'POST', redirect: 'manual', headers: actionHeaders(id), body: '[]' } });
    }
    expect(probes.length).toBeGreaterThanOrEqual(20);
    for (const caller of CALLERS) {
      for (const p of probes) {
        const status = await send(p.url, p.init, cookies[caller]);
        if (status >= 500) errors.push(`${action.key} as ${caller}, ${p.label} → ${status}`);
      }
    }
  }
  expect(errors).toEqual([]);
});

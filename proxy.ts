// Redirects anonymous page views to the sign-in page, keeps Keycloak tokens fresh (the refreshed
// session cookie is written here, where cookies can be set), and sets the security headers with a
// fresh CSP nonce per page (Next applies it to its own scripts). Every page is rewritten (the address
// bar keeps its path) under /<locale>/… and a panel page under /<locale>/<audience>/…: the signed-in
// `/` is then a prerendered shell, answered with the CSP hashes of its scripts instead of a nonce.
// Not the security boundary: every service checks the caller itself. API routes are not matched:
// they answer 401/403 JSON.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Session } from 'next-auth';
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { LOCALE_COOKIE, pickLocale } from '@/lib/i18n';
import { contentSecurityPolicy, securityHeaders } from '@/lib/security/headers';
import { audienceOf } from '@/lib/shell/audience';
import { auth } from '@/server/auth/config';
import { cachedSession, rememberSession, sessionKey } from '@/server/auth/session-cache';
import { sessionCookieName } from '@/server/auth/session-token';
import { config as panelConfig } from '@/server/env';
import { shellHashes } from '@/server/http/shell-csp';
import { currentRequestId, REQUEST_ID_HEADER, requestIdFrom, withRequestId } from '@/server/log';

const PUBLIC = ['/signin'];

// The address the server was asked, as Next built it: a rewrite must keep its origin, or Next takes it
// for another host and proxies to it. Auth.js hands our callback a request re-based on the public URL,
// and `nextUrl` spells 127.0.0.1 as localhost, so the proxy's own request is kept aside.
const asked = new AsyncLocalStorage<string>();
const isPublic = (path: string) => PUBLIC.some((p) => path === p || path.startsWith(`${p}/`));

/** A page's answer: `res` (a redirect), else the page at `internal` with a nonce, or the shell with its hashes. */
function withHeaders(req: NextRequest, res: NextResponse | null, internal?: string, hashes?: string[] | null): NextResponse {
  const cfg = panelConfig();
  const nonce = hashes ? undefined : Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy({ nonce, hashes: hashes ?? undefined, formTargets: [new URL(cfg.auth.issuer).origin], imageOrigins: cfg.icons.imageOrigins });
  // The request id (the caller's sane `x-request-id`, else a fresh one) for the page and the response;
  // API routes are not matched and get theirs from `route()` in server/http/respond.ts.
  const reqId = currentRequestId() ?? requestIdFrom(req.headers.get(REQUEST_ID_HEADER));
  let out = res;
  if (!out) {
    const headers = new Headers(req.headers);
    headers.set(REQUEST_ID_HEADER, reqId);
    // The nonce reaches Next through the request; a prerendered shell gets none (it would render it).
    if (nonce) {
      headers.set('x-nonce', nonce);
      headers.set('content-security-policy', csp);
    }
    const url = new URL(asked.getStore() ?? req.url);
    url.pathname = internal ?? url.pathname;
    out = NextResponse.rewrite(url, { request: { headers } });
  }
  out.headers.set('Content-Security-Policy', csp);
  out.headers.set(REQUEST_ID_HEADER, reqId);
  for (const [k, v] of Object.entries(securityHeaders({ https: cfg.server.publicUrl.startsWith('https:') }))) out.headers.set(k, v);
  return out;
}

/** Where a page request goes: sign-in, no-access, or its page under the locale (and the role's view). */
function answer(req: NextRequest, session: Session | null): NextResponse {
  const path = req.nextUrl.pathname;
  const locale = pickLocale(req.cookies.get(LOCALE_COOKIE)?.value, req.headers.get('accept-language'));
  if (isPublic(path) || (session && path === '/no-access')) return withHeaders(req, null, `/${locale}${path}`);
  if (!session) {
    const url = new URL('/signin', req.nextUrl);
    if (path !== '/') url.searchParams.set('callbackUrl', `${path}${req.nextUrl.search}`);
    return withHeaders(req, NextResponse.redirect(url));
  }
  const audience = audienceOf(session.user.role);
  if (!audience) return withHeaders(req, NextResponse.redirect(new URL('/no-access', req.nextUrl)));
  if (path === '/') {
    const res = withHeaders(req, null, `/${locale}/${audience}`, shellHashes(locale, audience));
    // Next marks a prerendered page for shared caches; this one is per role and language, behind a session.
    res.headers.set('Cache-Control', 'private, no-cache');
    return res;
  }
  return withHeaders(req, null, `/${locale}/${audience}${path}`);
}

const withAuth = auth((req) => {
  const session = req.auth?.user?.subject ? req.auth : null;
  rememberSession(sessionKey(req.headers.get('cookie')), session);
  return answer(req, session);
});

type Handler = (r: NextRequest, e: NextFetchEvent) => Promise<Response>;

export async function proxy(req: NextRequest, ev: NextFetchEvent) {
  const reqId = requestIdFrom(req.headers.get(REQUEST_ID_HEADER));
  // The same cookie decoded less than 2 s ago (server/auth/session-cache.ts): signed in, nothing to
  // refresh or re-issue yet, no decryption. Sign-out empties that memory at once.
  const key = sessionKey(req.headers.get('cookie'));
  const cached = cachedSession(key);
  if (cached) return withRequestId(reqId, () => asked.run(req.url, () => answer(req, cached)));
  // One decode per cookie at a time: when the remembered session lapses under load, the requests that
  // arrive while it is being decoded wait for that answer instead of each decoding the cookie again
  // (a page's burst, or 50 connections of one client, would otherwise all pay Auth.js at once).
  const pending = key ? decoding.get(key) : undefined;
  if (pending) {
    await pending;
    const now = cachedSession(key);
    if (now) return withRequestId(reqId, () => asked.run(req.url, () => answer(req, now)));
  }
  const run = decode(req, ev, reqId);
  if (key && !pending) {
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    decoding.set(key, settled);
    void settled.then(() => decoding.delete(key));
  }
  return run;
}

const decoding = new Map<string, Promise<void>>();

async function decode(req: NextRequest, ev: NextFetchEvent, reqId: string): Promise<Response> {
  // With a lazily built Auth.js config, auth(fn) resolves to the wrapped handler.
  const handler = (await (withAuth as unknown as Promise<Handler>)) as Handler;
  // The session refresh's log lines carry the request id too.
  const res = await withRequestId(reqId, () => asked.run(req.url, () => handler(req, ev)));
  // Auth.js re-issued the cookie (rolling expiry, refreshed tokens): the browser's next request
  // carries the new one, which stands for the same session.
  const session = cachedSession(sessionKey(req.headers.get('cookie')));
  if (session) rememberSession(sessionKey(reissuedCookies(res)), session);
  return res;
}

/** The session cookies a response sets, as a Cookie header (null when it sets none or clears them). */
function reissuedCookies(res: Response): string | null {
  const name = sessionCookieName();
  const set = res.headers
    .getSetCookie()
    .map((c) => c.slice(0, c.indexOf(';') < 0 ? undefined : c.indexOf(';')))
    .filter((kv) => kv.startsWith(`${name}=`) || kv.startsWith(`${name}.`));
  return set.length && set.every((kv) => kv.length > kv.indexOf('=') + 1) ? set.join('; ') : null;
}

export const config = {
  // sw.js and offline.html: the service worker and its offline page are public (no data in them).
  matcher: ['/((?!api/|_next/|favicon.ico|icon|apple-icon|manifest.webmanifest|robots.txt|sw.js|offline.html).*)'],
};

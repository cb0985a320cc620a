// Redirects anonymous page views to the sign-in page, keeps Keycloak tokens fresh (the refreshed
// session cookie is written here, where cookies can be set), and sets the security headers with a
// fresh CSP nonce per page (Next applies it to its own scripts). Not the security boundary: every
// service checks the caller itself. API routes are not matched: they answer 401/403 JSON.
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { contentSecurityPolicy, securityHeaders } from '@/lib/security/headers';
import { auth } from '@/server/auth/config';
import { cachedSession, rememberSession, sessionKey } from '@/server/auth/session-cache';
import { sessionCookieName } from '@/server/auth/session-token';
import { config as panelConfig } from '@/server/env';
import { currentRequestId, REQUEST_ID_HEADER, requestIdFrom, withRequestId } from '@/server/log';

const PUBLIC = ['/signin'];

function withHeaders(req: NextRequest, res: NextResponse | null): NextResponse {
  const cfg = panelConfig();
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy({ nonce, formTargets: [new URL(cfg.auth.issuer).origin], imageOrigins: cfg.icons.imageOrigins });
  // The request id (the caller's sane `x-request-id`, else a fresh one) for the page and the response;
  // API routes are not matched and get theirs from `route()` in server/http/respond.ts.
  const reqId = currentRequestId() ?? requestIdFrom(req.headers.get(REQUEST_ID_HEADER));
  let out = res;
  if (!out) {
    const headers = new Headers(req.headers);
    headers.set(REQUEST_ID_HEADER, reqId);
    headers.set('x-nonce', nonce);
    headers.set('content-security-policy', csp);
    out = NextResponse.next({ request: { headers } });
  }
  out.headers.set('Content-Security-Policy', csp);
  out.headers.set(REQUEST_ID_HEADER, reqId);
  for (const [k, v] of Object.entries(securityHeaders({ https: cfg.server.publicUrl.startsWith('https:') }))) out.headers.set(k, v);
  return out;
}

const withAuth = auth((req) => {
  const path = req.nextUrl.pathname;
  rememberSession(sessionKey(req.headers.get('cookie')), req.auth?.user?.subject ? req.auth : null);
  if (req.auth || PUBLIC.some((p) => path === p || path.startsWith(`${p}/`))) return withHeaders(req, null);
  const url = new URL('/signin', req.nextUrl);
  if (path !== '/') url.searchParams.set('callbackUrl', `${path}${req.nextUrl.search}`);
  return withHeaders(req, NextResponse.redirect(url));
});

type Handler = (r: NextRequest, e: NextFetchEvent) => Promise<Response>;

export async function proxy(req: NextRequest, ev: NextFetchEvent) {
  const reqId = requestIdFrom(req.headers.get(REQUEST_ID_HEADER));
  // The same cookie decoded less than 2 s ago (server/auth/session-cache.ts): signed in, nothing to
  // refresh or re-issue yet, no decryption. Sign-out empties that memory at once.
  if (cachedSession(sessionKey(req.headers.get('cookie')))) return withRequestId(reqId, () => withHeaders(req, null));
  // With a lazily built Auth.js config, auth(fn) resolves to the wrapped handler.
  const handler = (await (withAuth as unknown as Promise<Handler>)) as Handler;
  // The session refresh's log lines carry the request id too.
  const res = await withRequestId(reqId, () => handler(req, ev));
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

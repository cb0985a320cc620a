import 'server-only';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { LOCALE_COOKIE, pickLocale } from '@/lib/i18n';
import { contentSecurityPolicy, securityHeaders } from '@/lib/security/headers';
import { audienceOf } from '@/lib/shell/audience';
import { cachedSession, sessionKey } from '@/server/auth/session-cache';
import { config as panelConfig } from '@/server/env';
import { REQUEST_ID_HEADER, requestIdFrom } from '@/server/log';
import { shellHashes } from './shell-csp';

// The signed-in `/` at the door (issue 15). The page is a prerendered file per locale × audience
// (lib/shell/audience.ts); through Next, a request for it still pays the proxy and Next's request
// pipeline (~8 ms of CPU here) to send the same bytes. When the session cookie was decoded less than
// 2 s ago (server/auth/session-cache.ts, the proxy's own fast path), this answers before Next with
// exactly what the proxy and Next would send: the same file, the same CSP hashes and headers. Anything
// else — no remembered session, a query string, an RSC or prefetch request, a missing file — goes on
// to Next, which decides as before (sign-in, refresh, no-access…).

interface Shell {
  html: Buffer;
  gzip: Buffer;
  etag: string;
}

const shells = new Map<string, Shell | null>();

function shellFile(locale: string, audience: string): Shell | null {
  const key = `${locale}/${audience}`;
  let s = shells.get(key);
  if (s !== undefined) return s;
  try {
    // The build's file (scripts/shell-csp.ts added its scripts' integrity): what Next serves for it.
    const html = fs.readFileSync(path.join(/*turbopackIgnore: true*/ process.cwd(), '.next', 'server', 'app', locale, `${audience}.html`));
    s = { html, gzip: zlib.gzipSync(html, { level: 9 }), etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"` };
  } catch {
    s = null; // `next dev`, or not built with shells: Next answers
  }
  shells.set(key, s);
  return s;
}

function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

const acceptsGzip = (h: string | undefined) => !!h && /\bgzip\b/i.test(h);

/** Answers `GET /` from the prerendered shell when it can; false hands the request on to Next. */
export function serveShell(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  if ((req.method !== 'GET' && req.method !== 'HEAD') || req.url !== '/') return false;
  // Client navigations and prefetches ask for the RSC payload, not the HTML.
  const h = req.headers;
  if (h.rsc !== undefined || h['next-router-prefetch'] !== undefined || h['next-router-state-tree'] !== undefined || h['next-action'] !== undefined) return false;
  const session = cachedSession(sessionKey(h.cookie ?? null));
  const audience = session ? audienceOf(session.user.role) : null;
  if (!audience) return false;
  const locale = pickLocale(cookieValue(h.cookie, LOCALE_COOKIE), h['accept-language'] ?? null);
  const shell = shellFile(locale, audience);
  const hashes = shell ? shellHashes(locale, audience) : null;
  if (!shell || !hashes) return false;
  const cfg = panelConfig();
  const headers: Record<string, string> = {
    'content-type': 'text/html; charset=utf-8',
    // Per role and language, behind a session: never for shared caches (the proxy says the same).
    'cache-control': 'private, no-cache',
    vary: 'rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding',
    etag: shell.etag,
    'content-security-policy': contentSecurityPolicy({ hashes, formTargets: [new URL(cfg.auth.issuer).origin], imageOrigins: cfg.icons.imageOrigins }),
    [REQUEST_ID_HEADER]: requestIdFrom(typeof h[REQUEST_ID_HEADER] === 'string' ? h[REQUEST_ID_HEADER] : null),
    ...securityHeaders({ https: cfg.server.publicUrl.startsWith('https:') }),
  };
  if (h['if-none-match'] === shell.etag) {
    res.writeHead(304, headers);
    res.end();
    return true;
  }
  const gzip = acceptsGzip(h['accept-encoding'] as string | undefined);
  const body = gzip ? shell.gzip : shell.html;
  if (gzip) headers['content-encoding'] = 'gzip';
  headers['content-length'] = String(body.length);
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}

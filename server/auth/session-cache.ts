import 'server-only';
import { createHash } from 'node:crypto';
import type { Session } from 'next-auth';
import { sessionCookieName } from './session-token';

// The session cookie decoded once, then remembered for a moment. Decoding is an HKDF key derivation
// and an AES-CBC + HMAC decryption (JWE), and the proxy re-encrypts the cookie to roll its expiry:
// ~1 ms of CPU per request on its own (docs/performance.md). Within TTL_MS the same cookie gives the
// same answer from memory, keyed by a SHA-256 of the cookie (the cookie itself is never kept).
//
// Semantics kept from server/auth/revocation.ts: a sign-out on this replica empties the cache at
// once (`forgetSessions`), so a revoked session never authenticates again here; another replica
// learns of it within its revocation re-check (2 s), which is also this cache's lifetime. A token
// refresh or role change is seen at most TTL_MS later; the cookie's rolling expiry is re-issued by
// Auth.js on the first request after each TTL_MS.

export const SESSION_CACHE_TTL_MS = 2_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  session: Session | null;
  until: number;
}
// One map for the proxy's and the pages' module graphs (Next bundles them apart).
const cache = ((globalThis as { __panelSessions?: Map<string, Entry> }).__panelSessions ??= new Map());

/** The cache key of a request's session cookie (chunked cookies included), or null without one. */
export function sessionKey(cookieHeader: string | null, name = sessionCookieName()): string | null {
  if (!cookieHeader) return null;
  const parts: string[] = [];
  for (const kv of cookieHeader.split(';')) {
    const eq = kv.indexOf('=');
    if (eq < 0) continue;
    const k = kv.slice(0, eq).trim();
    if (k === name || k.startsWith(`${name}.`)) parts.push(`${k}=${kv.slice(eq + 1).trim()}`);
  }
  if (!parts.length) return null;
  return createHash('sha256').update(parts.sort().join(';')).digest('base64url');
}

/** The remembered session (null: no valid session), or undefined when it must be decoded. */
export function cachedSession(key: string | null, now = Date.now()): Session | null | undefined {
  if (!key) return undefined;
  const e = cache.get(key);
  if (!e) return undefined;
  if (now >= e.until) {
    cache.delete(key);
    return undefined;
  }
  return e.session;
}

export function rememberSession(key: string | null, session: Session | null, now = Date.now()): void {
  if (!key) return;
  if (cache.size >= MAX_ENTRIES) {
    for (const [k, e] of cache) if (now >= e.until) cache.delete(k);
    if (cache.size >= MAX_ENTRIES) cache.clear();
  }
  cache.set(key, { session, until: now + SESSION_CACHE_TTL_MS });
}

/** A session was revoked on this replica: nothing remembered may answer for it any more. */
export function forgetSessions(): void {
  cache.clear();
}

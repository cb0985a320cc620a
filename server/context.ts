import 'server-only';
import { cache } from 'react';
import type { Role } from '@/lib/roles';
import { db, type Db } from './db';
import { requestIp } from './http/request-ip';

// What a service needs from the outside world, passed in so unit tests can give fakes.

export interface Actor {
  subject: string;
  name: string;
  email: string | null;
  role: Role;
}

export interface Ctx {
  db(): Promise<Db>;
  /** The signed-in user, or null. */
  session(): Promise<Actor | null>;
  /** The caller's IP address as far as we can trust it. */
  ip(): Promise<string | null>;
}

// One session decode per request, however many services a page calls (React's per-request cache),
// and none at all while the same cookie was decoded less than 2 s ago (server/auth/session-cache.ts).
const currentSession = cache(async (): Promise<Actor | null> => {
  const [{ auth }, { cachedSession, rememberSession, sessionKey }, { headers }] = await Promise.all([
    import('./auth/config'),
    import('./auth/session-cache'),
    import('next/headers'),
  ]);
  const key = sessionKey((await headers()).get('cookie'));
  let s = cachedSession(key);
  if (s === undefined) {
    s = await auth();
    rememberSession(key, s?.user?.subject ? s : null);
  }
  return s?.user?.subject ? s.user : null;
});

export function requestCtx(): Ctx {
  return {
    db,
    session: currentSession,
    ip: requestIp,
  };
}

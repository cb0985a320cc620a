import 'server-only';
import { cache } from 'react';
import type { Role } from '@/lib/roles';
import { db, type Db } from './db';
import { config } from './env';

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

/** Picks the client IP: the proxy-supplied one only when the panel is configured to trust its proxy. */
export function clientIp(forwardedFor: string | null, realIp: string | null, trustProxy: boolean): string | null {
  const hops = (forwardedFor ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (trustProxy) return hops[0] ?? realIp ?? null;
  // Next's own server appends the socket address last; anything before it is client-supplied.
  return hops[hops.length - 1] ?? null;
}

// One session decode per request, however many services a page calls (React's per-request cache).
const currentSession = cache(async (): Promise<Actor | null> => {
  const { auth } = await import('./auth/config');
  const s = await auth();
  return s?.user?.subject ? s.user : null;
});

export function requestCtx(): Ctx {
  return {
    db,
    session: currentSession,
    ip: async () => {
      const { headers } = await import('next/headers');
      const h = await headers();
      return clientIp(h.get('x-forwarded-for'), h.get('x-real-ip'), config().server.trustProxy);
    },
  };
}

import 'server-only';
import { cache } from 'react';
import type { Role } from '@/lib/roles';
import { db, type Db } from './db';
import { PRIVATE_RANGES } from '@/lib/protection/config';
import { config } from './env';
import { clientIp, ProxyList } from './http/client-ip';
import { SOCKET_IP_HEADER, shedState } from './http/shed';

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

let proxies: { key: string; list: ProxyList } | undefined;

/** The configured trusted proxies (`trustProxy: true` alone means the private and loopback ranges). */
export function trustedProxies(server: { trustProxy: boolean; trustedProxies: string[] }): ProxyList {
  const cidrs = server.trustedProxies.length ? server.trustedProxies : server.trustProxy ? PRIVATE_RANGES : [];
  const key = cidrs.join(',');
  if (proxies?.key !== key) proxies = { key, list: new ProxyList(cidrs) };
  return proxies.list;
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
      // The socket address is stamped by the load shedder, which sees every request first; without it
      // (not served by our server) there is no address we could trust.
      const socket = shedState() ? h.get(SOCKET_IP_HEADER) : null;
      return clientIp(socket, h.get('x-forwarded-for'), trustedProxies(config().server));
    },
  };
}

import 'server-only';
import { PRIVATE_RANGES } from '@/lib/protection/config';
import { config } from '../env';
import { clientIp, ProxyList } from './client-ip';
import { SOCKET_IP_HEADER, shedState } from './shed';

// The current request's client address (server/http/client-ip.ts), for the request context and for
// the sign-in callback — which runs inside Auth.js and so must not reach back into server/context.ts.

let proxies: { key: string; list: ProxyList } | undefined;

/** The configured trusted proxies (`trustProxy: true` alone means the private and loopback ranges). */
export function trustedProxies(server: { trustProxy: boolean; trustedProxies: string[] }): ProxyList {
  const cidrs = server.trustedProxies.length ? server.trustedProxies : server.trustProxy ? PRIVATE_RANGES : [];
  const key = cidrs.join(',');
  if (proxies?.key !== key) proxies = { key, list: new ProxyList(cidrs) };
  return proxies.list;
}

export async function requestIp(): Promise<string | null> {
  const { headers } = await import('next/headers');
  const h = await headers();
  // The socket address is stamped by the load shedder, which sees every request first; without it
  // (not served by our server) there is no address we could trust.
  const socket = shedState() ? h.get(SOCKET_IP_HEADER) : null;
  return clientIp(socket, h.get('x-forwarded-for'), trustedProxies(config().server));
}

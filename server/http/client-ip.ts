import 'server-only';
import net from 'node:net';

// The client address: the socket's peer, unless that peer is a proxy we trust; then X-Forwarded-For
// is read from the right and the first hop that is not a trusted proxy is the client (a proxy that
// appends can vouch only for the hop it saw). The header is bounded before it is read.

export const MAX_FORWARDED_CHARS = 512;
const MAX_HOPS = 16;

/** A bare address (no port, no brackets, IPv4-mapped IPv6 unwrapped), or null when it is not one. */
export function normalizeIp(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let s = raw.trim();
  if (s.startsWith('[')) s = s.slice(1, s.indexOf(']') > 0 ? s.indexOf(']') : undefined);
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(':'));
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(s)) s = s.slice(7);
  const v = net.isIP(s);
  return v === 0 ? null : v === 6 ? s.toLowerCase() : s;
}

export class ProxyList {
  private readonly list = new net.BlockList();
  constructor(readonly cidrs: readonly string[]) {
    for (const c of cidrs) {
      const [addr, bits] = c.split('/');
      const type = net.isIP(addr) === 6 ? 'ipv6' : 'ipv4';
      this.list.addSubnet(addr, bits === undefined ? (type === 'ipv6' ? 128 : 32) : Number(bits), type);
    }
  }
  has(ip: string): boolean {
    return this.list.check(ip, net.isIP(ip) === 6 ? 'ipv6' : 'ipv4');
  }
}

export function clientIp(socketIp: string | null, forwardedFor: string | null, trusted: ProxyList): string | null {
  const peer = normalizeIp(socketIp);
  if (!peer || !trusted.has(peer)) return peer;
  // Bounded: only the right-most characters and hops can matter; a cut left-most hop fails to parse.
  const hops = (forwardedFor ?? '').slice(-MAX_FORWARDED_CHARS).split(',').slice(-MAX_HOPS);
  let nearest = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const ip = normalizeIp(hops[i]);
    if (!ip) return nearest; // garbage: the last proxy that handed it on is all we know
    if (!trusted.has(ip)) return ip;
    nearest = ip;
  }
  return nearest;
}

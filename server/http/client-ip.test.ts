import { describe, expect, it } from 'vitest';
import { CidrSchema, PRIVATE_RANGES } from '@/lib/protection/config';
import { clientIp, MAX_FORWARDED_CHARS, normalizeIp, ProxyList } from './client-ip';

const none = new ProxyList([]);
const gateway = new ProxyList(['10.0.0.0/8', 'fd00::/8']);

describe('client IP from the socket', () => {
  it('ignores a spoofed X-Forwarded-For when no proxy is trusted', () => {
    expect(clientIp('198.51.100.4', '7.7.7.7, 8.8.8.8', none)).toBe('198.51.100.4');
    expect(clientIp('::ffff:198.51.100.4', '8.8.8.8', none)).toBe('198.51.100.4');
  });
  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(clientIp('203.0.113.9', '7.7.7.7', gateway)).toBe('203.0.113.9');
  });
  it('takes the right-most untrusted hop behind trusted proxies (the left is client-supplied)', () => {
    // The client sent "7.7.7.7"; the gateway appended the address it saw, 203.0.113.9.
    expect(clientIp('10.0.0.5', '7.7.7.7, 203.0.113.9', gateway)).toBe('203.0.113.9');
    expect(clientIp('10.0.0.5', '7.7.7.7, 203.0.113.9, 10.1.2.3', gateway)).toBe('203.0.113.9');
    expect(clientIp('fd00::1', '2001:db8::7', gateway)).toBe('2001:db8::7');
  });
  it('falls back to the nearest trusted proxy when the header is missing or garbage', () => {
    expect(clientIp('10.0.0.5', null, gateway)).toBe('10.0.0.5');
    expect(clientIp('10.0.0.5', 'not-an-ip, 10.0.0.9', gateway)).toBe('10.0.0.9');
  });
  it('reads a bounded header: a 6,000-character value cannot be stored or slow anything', () => {
    const huge = `${'9'.repeat(6_000)}, 203.0.113.9`;
    expect(clientIp('10.0.0.5', huge, gateway)).toBe('203.0.113.9');
    const allHops = Array.from({ length: 2_000 }, () => '10.0.0.1').join(', ');
    expect(allHops.length).toBeGreaterThan(MAX_FORWARDED_CHARS);
    expect(clientIp('10.0.0.5', allHops, gateway)).toBe('10.0.0.1');
  });
  it('is null without a usable socket address', () => {
    expect(clientIp(null, '8.8.8.8', gateway)).toBeNull();
    expect(clientIp('', null, none)).toBeNull();
  });
  it('normalises addresses', () => {
    expect(normalizeIp('[2001:DB8::1]:443')).toBe('2001:db8::1');
    expect(normalizeIp('1.2.3.4:80')).toBe('1.2.3.4');
    expect(normalizeIp('1.2.3.4\u0000')).toBeNull();
  });
  it('validates CIDRs in the configuration', () => {
    for (const ok of [...PRIVATE_RANGES, '1.2.3.4', '2001:db8::/32']) expect(CidrSchema.safeParse(ok).success).toBe(true);
    for (const bad of ['10.0.0.0/33', '300.1.1.1', 'fd00::/129', 'gateway', '10.0.0.0/8/1']) expect(CidrSchema.safeParse(bad).success).toBe(false);
  });
});

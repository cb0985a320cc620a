// Small deterministic helpers: the generated homelab is the same on every start (stable pod names,
// digests and restart counts), so screenshots, tests and bug reports line up.
import { createHash } from 'node:crypto';

/** 32-bit FNV-1a. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

// Kubernetes' rand.SafeEncodeString alphabet (no vowels, no ambiguous characters).
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** Deterministic pod-name suffix like the ones ReplicaSets/DaemonSets produce. */
export function suffix(seed: string, len = 5): string {
  let out = '';
  let h = hash32(seed);
  for (let i = 0; i < len; i++) {
    if (i % 4 === 3) h = hash32(`${seed}:${i}`);
    out += ALPHANUMS[h % ALPHANUMS.length];
    h = Math.floor(h / ALPHANUMS.length);
  }
  return out;
}

/** pod-template-hash-like string (10 chars). */
export function templateHash(seed: string): string {
  return suffix(`tpl:${seed}`, 10);
}

export function isoAgo(ms: number, now = Date.now()): string {
  return new Date(now - ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Kubernetes timestamps are RFC 3339 with second precision. */
export function isoNow(): string {
  return isoAgo(0);
}

export const DAY = 86_400_000;

export function ipFor(cidrBase: string, n: number): string {
  return `${cidrBase}.${(n % 250) + 2}`;
}

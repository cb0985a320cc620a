// Freshness of one data source: reachable or not, the last good time and the last error.
// A source that fails keeps its last good time, so cards can say "stale, last good data at 14:05".
import type { Freshness } from './types';

export const UNKNOWN: Freshness = { reachable: false, lastSuccess: null, lastError: null, lastErrorAt: null };

export function markSuccess(f: Freshness, now: number): Freshness {
  return { reachable: true, lastSuccess: now, lastError: f.lastError, lastErrorAt: f.lastErrorAt };
}

export function markFailure(f: Freshness, error: string, now: number): Freshness {
  return { reachable: false, lastSuccess: f.lastSuccess, lastError: error, lastErrorAt: now };
}

/** True when the reachability changed (worth a DB row and an event), not for every refresh. */
export function reachabilityChanged(a: Freshness, b: Freshness): boolean {
  return a.reachable !== b.reachable;
}

export type FreshnessState = 'live' | 'stale' | 'never';

/**
 * How a card presents its data: 'never' (no good data yet), 'stale' (source down, or nothing good for
 * longer than `maxAgeMs`), 'live'.
 */
export function freshnessState(f: Freshness, now: number, maxAgeMs: number): FreshnessState {
  if (f.lastSuccess === null) return 'never';
  if (!f.reachable || now - f.lastSuccess > maxAgeMs) return 'stale';
  return 'live';
}

/** The worse of two freshness values (a card fed by two sources is as fresh as the older one). */
export function combine(a: Freshness, b: Freshness): Freshness {
  const lastSuccess = a.lastSuccess === null || b.lastSuccess === null ? null : Math.min(a.lastSuccess, b.lastSuccess);
  const err = (a.lastErrorAt ?? 0) >= (b.lastErrorAt ?? 0) ? a : b;
  return { reachable: a.reachable && b.reachable, lastSuccess, lastError: err.lastError, lastErrorAt: err.lastErrorAt };
}

import { describe, expect, it } from 'vitest';
import { combine, freshnessState, markFailure, markSuccess, UNKNOWN } from './freshness';
import { parseQuantity } from './quantity';

describe('freshness', () => {
  it('keeps the last good time when a source fails, and recovers', () => {
    const ok = markSuccess(UNKNOWN, 1000);
    expect(freshnessState(ok, 2000, 60_000)).toBe('live');
    const down = markFailure(ok, 'ECONNREFUSED', 5000);
    expect(down).toEqual({ reachable: false, lastSuccess: 1000, lastError: 'ECONNREFUSED', lastErrorAt: 5000 });
    expect(freshnessState(down, 6000, 60_000)).toBe('stale');
    expect(markSuccess(down, 7000)).toMatchObject({ reachable: true, lastSuccess: 7000 });
  });

  it('says never before the first data, and stale when silent too long', () => {
    expect(freshnessState(markFailure(UNKNOWN, 'x', 1), 2, 10)).toBe('never');
    expect(freshnessState(markSuccess(UNKNOWN, 0), 100_000, 60_000)).toBe('stale');
  });

  it('a card with two sources is as fresh as the older one', () => {
    const c = combine(markSuccess(UNKNOWN, 10), markFailure(markSuccess(UNKNOWN, 5), 'down', 20));
    expect(c).toEqual({ reachable: false, lastSuccess: 5, lastError: 'down', lastErrorAt: 20 });
  });

  it('parses Kubernetes quantities', () => {
    expect(parseQuantity('1500m')).toBe(1.5);
    expect(parseQuantity('4Ki')).toBe(4096);
    expect(parseQuantity('2Gi')).toBe(2 * 1024 ** 3);
    expect(parseQuantity('3')).toBe(3);
    expect(parseQuantity('1e3')).toBe(1000);
    expect(parseQuantity('12G')).toBe(12e9);
    expect(parseQuantity('garbage')).toBe(0);
    expect(parseQuantity(undefined)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { choicesFor, PreferencesSchema, quietUntil, retryDelayMs } from './prefs';

describe('quiet hours', () => {
  const paris = 'Europe/Paris';
  it('holds a message until the end of quiet hours that cross midnight (in the owner’s time zone)', () => {
    // 23:30 in Paris (UTC+1 in December) → held until 07:00 Paris = 06:00 UTC.
    expect(quietUntil(new Date('2026-12-02T22:30:00Z'), { start: '22:00', end: '07:00' }, paris)?.toISOString()).toBe('2026-12-03T06:00:00.000Z');
    expect(quietUntil(new Date('2026-12-03T05:59:00Z'), { start: '22:00', end: '07:00' }, paris)?.toISOString()).toBe('2026-12-03T06:00:00.000Z');
  });
  it('lets it through outside quiet hours, and when there are none', () => {
    expect(quietUntil(new Date('2026-12-02T12:00:00Z'), { start: '22:00', end: '07:00' }, paris)).toBeNull();
    expect(quietUntil(new Date('2026-12-03T06:00:00Z'), { start: '22:00', end: '07:00' }, paris)).toBeNull();
    expect(quietUntil(new Date('2026-12-02T22:30:00Z'), { start: null, end: null }, paris)).toBeNull();
  });
  it('handles a span within one day', () => {
    expect(quietUntil(new Date('2026-12-02T12:30:00Z'), { start: '13:00', end: '14:00' }, 'UTC')).toBeNull();
    expect(quietUntil(new Date('2026-12-02T13:15:00Z'), { start: '13:00', end: '14:00' }, 'UTC')?.toISOString()).toBe('2026-12-02T14:00:00.000Z');
  });
});

describe('retries', () => {
  it('backs off exponentially from the base, capped at one hour', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(20, 30_000)).toBe(3_600_000);
  });
});

describe('preferences', () => {
  it('are all on until the person turns one off', () => {
    expect(choicesFor(null, 'gaming.ready')).toEqual({ webpush: true, ntfy: true, telegram: true });
    expect(choicesFor({ 'gaming.ready': { ntfy: false } }, 'gaming.ready')).toEqual({ webpush: true, ntfy: false, telegram: true });
  });
  it('refuse half-set or empty quiet hours and unknown events, with a clear message', () => {
    expect(PreferencesSchema.safeParse({ quietStart: '22:00', quietEnd: null }).error?.issues[0].message).toBe('give both ends of the quiet hours, or neither');
    expect(PreferencesSchema.safeParse({ quietStart: '22:00', quietEnd: '22:00' }).success).toBe(false);
    expect(PreferencesSchema.safeParse({ quietStart: '25:00', quietEnd: '07:00' }).success).toBe(false);
    expect(PreferencesSchema.safeParse({ events: { 'nope.event': { webpush: true, ntfy: true, telegram: true } } }).success).toBe(false);
    expect(PreferencesSchema.parse({})).toEqual({ events: {}, quietStart: null, quietEnd: null });
  });
});

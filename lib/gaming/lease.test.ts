import { describe, expect, it } from 'vitest';
import { GamingConfigSchema } from './config';
import { canExtend, extendLease, initialLeaseEnd, leasePhase, minutesBetween } from './lease';

const lease = GamingConfigSchema.parse({}).lease; // 3 h default, +1 h, 6 h max, warn 10 min
const at = (hhmm: string) => new Date(`2026-11-24T${hhmm}:00Z`);

describe('lease maths', () => {
  it('starts with the default length', () => {
    expect(initialLeaseEnd(at('18:00'), lease)).toEqual(at('21:00'));
    expect(initialLeaseEnd(at('18:00'), { ...lease, defaultMinutes: 600 })).toEqual(new Date('2026-11-25T00:00:00Z'));
  });

  it('extends from the current end, or from now when already past it', () => {
    expect(extendLease({ startedAt: at('18:00'), leaseEndsAt: at('21:00') }, at('20:55'), lease)).toEqual({ ok: true, leaseEndsAt: at('22:00'), addedMinutes: 60 });
    expect(extendLease({ startedAt: at('18:00'), leaseEndsAt: at('21:00') }, at('21:10'), lease)).toMatchObject({ ok: true, leaseEndsAt: at('22:10') });
  });

  it('never goes past start + max, and refuses at the max', () => {
    expect(extendLease({ startedAt: at('18:00'), leaseEndsAt: at('23:30') }, at('23:00'), lease)).toEqual({ ok: true, leaseEndsAt: new Date('2026-11-25T00:00:00Z'), addedMinutes: 30 });
    expect(extendLease({ startedAt: at('18:00'), leaseEndsAt: new Date('2026-11-25T00:00:00Z') }, at('23:55'), lease)).toEqual({ ok: false, reason: 'at-max', maxEndsAt: new Date('2026-11-25T00:00:00Z') });
    expect(canExtend({ startedAt: at('18:00'), leaseEndsAt: new Date('2026-11-25T00:00:00Z') }, lease)).toBe(false);
    expect(canExtend({ startedAt: at('18:00'), leaseEndsAt: at('21:00') }, lease)).toBe(true);
  });

  it('warns in the last 10 minutes and expires at the end', () => {
    expect(leasePhase(at('21:00'), at('20:49'), lease)).toBe('running');
    expect(leasePhase(at('21:00'), at('20:50'), lease)).toBe('warn');
    expect(leasePhase(at('21:00'), at('21:00'), lease)).toBe('expired');
  });

  it('counts whole minutes, never negative', () => {
    expect(minutesBetween(at('18:00'), at('20:30'))).toBe(150);
    expect(minutesBetween(at('20:30'), at('18:00'))).toBe(0);
  });
});

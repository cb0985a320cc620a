import { describe, expect, it } from 'vitest';
import { AddWindowSchema, instantToZoned, windowGate, zonedToInstant, type WindowRule } from './windows';

const zone = 'Europe/Paris';
const exam: WindowRule = { id: 'f', kind: 'freeze', startsAt: zonedToInstant('2026-12-14T00:00', zone), endsAt: zonedToInstant('2026-12-19T18:00', zone), reason: 'exam week' };
const weekdays: WindowRule = { id: 'w', kind: 'window', days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00', reason: 'when I am at home' };

describe('the window gate', () => {
  it('passes at any time when nothing is set', () => {
    expect(windowGate({ now: new Date('2026-12-15T03:00:00Z'), timeZone: zone, rules: [] })).toMatchObject({ id: 'window', status: 'passed', detail: { code: 'gate.window.anyTime' } });
  });
  it('fails during a freeze, saying its reason and its end in the owner’s time zone', () => {
    const g = windowGate({ now: new Date('2026-12-15T10:00:00Z'), timeZone: zone, rules: [exam, weekdays] });
    expect(g).toMatchObject({ status: 'failed', detail: { code: 'gate.window.frozen', params: { reason: 'exam week', until: '2026-12-19 18:00', zone } } });
    expect(g.remainingMs).toBe(zonedToInstant('2026-12-19T18:00', zone).getTime() - new Date('2026-12-15T10:00:00Z').getTime());
  });
  it('the freeze ends at its end (exclusive) and starts at its start', () => {
    expect(windowGate({ now: zonedToInstant('2026-12-19T18:00', zone), timeZone: zone, rules: [exam] }).status).toBe('passed');
    expect(windowGate({ now: zonedToInstant('2026-12-14T00:00', zone), timeZone: zone, rules: [exam] }).status).toBe('failed');
  });
  it('waits outside every weekly window and passes inside one (wall clock of the owner’s zone)', () => {
    // Wednesday 2 Dec 2026: 08:30 UTC is 09:30 in Paris (inside), 16:30 UTC is 17:30 (outside).
    expect(windowGate({ now: new Date('2026-12-02T08:30:00Z'), timeZone: zone, rules: [weekdays] })).toMatchObject({ status: 'passed', detail: { code: 'gate.window.open' } });
    expect(windowGate({ now: new Date('2026-12-02T16:30:00Z'), timeZone: zone, rules: [weekdays] })).toMatchObject({ status: 'waiting', detail: { code: 'gate.window.closed', params: { windows: 'mon, tue, wed, thu, fri 09:00–17:00' } } });
    // Saturday.
    expect(windowGate({ now: new Date('2026-12-05T10:00:00Z'), timeZone: zone, rules: [weekdays] }).status).toBe('waiting');
  });
});

describe('time zones', () => {
  it('reads a typed wall-clock time in the owner’s zone, across a DST change', () => {
    expect(zonedToInstant('2026-12-14T00:00', zone).toISOString()).toBe('2026-12-13T23:00:00.000Z');
    expect(zonedToInstant('2026-07-14T00:00', zone).toISOString()).toBe('2026-07-13T22:00:00.000Z');
    expect(instantToZoned(new Date('2026-07-13T22:00:00Z'), zone)).toBe('2026-07-14 00:00');
  });
});

describe('input', () => {
  it('refuses a window that ends before it starts, a missing reason, an unknown day', () => {
    expect(AddWindowSchema.safeParse({ kind: 'window', days: ['mon'], from: '17:00', to: '09:00', reason: 'evenings' }).success).toBe(false);
    expect(AddWindowSchema.safeParse({ kind: 'freeze', startsAt: '2026-12-14T00:00', endsAt: '2026-12-19T18:00', reason: '' }).success).toBe(false);
    expect(AddWindowSchema.safeParse({ kind: 'window', days: ['someday'], from: '09:00', to: '17:00', reason: 'x y z' }).success).toBe(false);
    expect(AddWindowSchema.safeParse({ kind: 'freeze', startsAt: '2026-12-14T00:00', endsAt: '2026-12-19T18:00', reason: 'exam week' }).success).toBe(true);
    for (const bad of ['2026-02-30T10:00', '2026-13-01T10:00', '2026-12-01T25:00', '9999-99-99T99:99', '0000-01-01T00:00']) {
      expect(AddWindowSchema.safeParse({ kind: 'freeze', startsAt: bad, endsAt: '2026-12-19T18:00', reason: 'exam week' }).success, bad).toBe(false);
    }
  });
});

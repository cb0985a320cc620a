import { describe, expect, it } from 'vitest';
import { formatDuration, healthySince, soakGate } from './gates';

const H = 3_600_000;
const now = new Date('2026-11-26T12:00:00Z');
const ago = (h: number) => new Date(now.getTime() - h * H);
const ok = (h: number) => ({ at: ago(h), sync: 'Synced', health: 'Healthy' });

describe('soakGate', () => {
  it('passes once DEV has been healthy since the commit for the soak time', () => {
    const g = soakGate({ now, committedAt: ago(30), soakHours: 24, history: [ok(40), ok(29.5)] });
    expect(g.status).toBe('passed');
    expect(g.detail).toBe('DEV has been healthy on this version for 30 h.');
  });

  it('counts from the commit, not from an older healthy streak, and says how long is left', () => {
    const g = soakGate({ now, committedAt: ago(6), soakHours: 24, history: [ok(100)] });
    expect(g).toMatchObject({ status: 'waiting', remainingMs: 18 * H, detail: 'DEV has been healthy for 6 h; 18 h to go.' });
  });

  it('restarts the clock after a break in health', () => {
    const g = soakGate({ now, committedAt: ago(30), soakHours: 24, history: [ok(29), { at: ago(10), sync: 'Synced', health: 'Degraded' }, ok(9)] });
    expect(g.status).toBe('waiting');
    expect(g.remainingMs).toBe(15 * H);
  });

  it('fails while DEV is degraded, waits while it is syncing or unknown', () => {
    expect(soakGate({ now, committedAt: ago(30), soakHours: 1, history: [{ at: ago(1), sync: 'Synced', health: 'Degraded' }] }).status).toBe('failed');
    expect(soakGate({ now, committedAt: ago(30), soakHours: 1, history: [{ at: ago(1), sync: 'OutOfSync', health: 'Progressing' }] }).status).toBe('waiting');
    expect(soakGate({ now, committedAt: ago(30), soakHours: 1, history: [] }).detail).toMatch(/No health information/);
  });

  it('uses the live state when nothing was recorded, and a soak of 0 passes at once', () => {
    expect(soakGate({ now, committedAt: ago(2), soakHours: 1, history: [], current: { sync: 'Synced', health: 'Healthy' } }).status).toBe('passed');
    expect(soakGate({ now, committedAt: now, soakHours: 0, history: [], current: { sync: 'Synced', health: 'Healthy' } }).status).toBe('passed');
  });
});

describe('helpers', () => {
  it('finds the start of the current healthy streak', () => {
    expect(healthySince([ok(1), { at: ago(5), sync: 'Synced', health: 'Degraded' }, ok(3)])).toEqual(ago(3));
    expect(healthySince([{ at: ago(1), sync: 'OutOfSync', health: 'Healthy' }])).toBeNull();
  });

  it('formats durations in plain words', () => {
    expect(formatDuration(59_000)).toBe('1 min');
    expect(formatDuration(90 * 60_000)).toBe('1 h 30 min');
    expect(formatDuration(72 * H)).toBe('3 days');
  });
});

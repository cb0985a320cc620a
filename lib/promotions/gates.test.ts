import { describe, expect, it } from 'vitest';
import { renderEn } from '../i18n/render-en';
import { translator } from '../i18n/catalogue';
import { formatMessage, msg } from '../i18n/message';
import { healthySince, soakGate } from './gates';

const H = 3_600_000;
const now = new Date('2026-11-26T12:00:00Z');
const ago = (h: number) => new Date(now.getTime() - h * H);
const ok = (h: number) => ({ at: ago(h), sync: 'Synced', health: 'Healthy' });

describe('soakGate', () => {
  it('passes once DEV has been healthy since the commit for the soak time', () => {
    const g = soakGate({ now, committedAt: ago(30), soakHours: 24, history: [ok(40), ok(29.5)] });
    expect(g.status).toBe('passed');
    expect(renderEn(g.detail)).toBe('DEV has been healthy on this version for 30 h.');
    expect(formatMessage(g.detail, translator('fr'), 'fr')).toBe('DEV est en bonne santé sur cette version depuis 30 h.');
    expect(renderEn(g.label)).toBe('DEV stable for 24 h');
  });

  it('counts from the commit, not from an older healthy streak, and says how long is left', () => {
    const g = soakGate({ now, committedAt: ago(6), soakHours: 24, history: [ok(100)] });
    expect(g).toMatchObject({ status: 'waiting', remainingMs: 18 * H });
    expect(renderEn(g.detail)).toBe('DEV has been healthy for 6 h; 18 h to go.');
  });

  it('restarts the clock after a break in health', () => {
    const g = soakGate({ now, committedAt: ago(30), soakHours: 24, history: [ok(29), { at: ago(10), sync: 'Synced', health: 'Degraded' }, ok(9)] });
    expect(g.status).toBe('waiting');
    expect(g.remainingMs).toBe(15 * H);
  });

  it('fails while DEV is degraded, waits while it is syncing or unknown', () => {
    expect(soakGate({ now, committedAt: ago(30), soakHours: 1, history: [{ at: ago(1), sync: 'Synced', health: 'Degraded' }] }).status).toBe('failed');
    expect(soakGate({ now, committedAt: ago(30), soakHours: 1, history: [{ at: ago(1), sync: 'OutOfSync', health: 'Progressing' }] }).status).toBe('waiting');
    expect(renderEn(soakGate({ now, committedAt: ago(30), soakHours: 1, history: [] }).detail)).toMatch(/No health information/);
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

  it('says durations in plain words, in both languages', () => {
    const d = (ms: number) => renderEn(msg('gate.soak.label', { time: { ms } })).replace('DEV stable for ', '');
    expect([d(59_000), d(90 * 60_000), d(72 * H), d(25 * H)]).toEqual(['1 min', '1 h 30 min', '3 days', '25 h']);
    expect(formatMessage(msg('gate.soak.label', { time: { ms: 49 * H } }), translator('fr'), 'fr')).toBe('DEV stable pendant 2 jours 1 h');
    expect(renderEn(msg('gate.soak.label', { time: { ms: 24 * H } }))).toBe('DEV stable for 24 h');
  });
});

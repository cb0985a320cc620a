import { describe, expect, it } from 'vitest';
import { buckets, downPeriods, healthAvailability, normaliseSpans, spansIn, timeline, uptime, type Change } from './uptime';

const H = 3_600_000;
const W = { from: 0, to: 24 * H };
const all = [W];

describe('timeline', () => {
  it('takes the state at the window start from the last change before it', () => {
    const seg = timeline([{ at: -5 * H, state: 'up' }], W, all);
    expect(seg).toEqual([{ from: 0, to: 24 * H, state: 'up' }]);
  });

  it('is unknown before the first recorded change', () => {
    const seg = timeline([{ at: 2 * H, state: 'up' }], W, all);
    expect(seg).toEqual([
      { from: 0, to: 2 * H, state: 'unknown' },
      { from: 2 * H, to: 24 * H, state: 'up' },
    ]);
  });

  it('clips changes after the window and merges equal neighbours', () => {
    const changes: Change[] = [
      { at: -H, state: 'up' },
      { at: 3 * H, state: 'up' },
      { at: 10 * H, state: 'down' },
      { at: 11 * H, state: 'up' },
      { at: 30 * H, state: 'down' },
    ];
    expect(timeline(changes, W, all)).toEqual([
      { from: 0, to: 10 * H, state: 'up' },
      { from: 10 * H, to: 11 * H, state: 'down' },
      { from: 11 * H, to: 24 * H, state: 'up' },
    ]);
  });

  it('marks what the panel did not watch, and blind periods, as unknown', () => {
    const changes: Change[] = [{ at: -H, state: 'up' }];
    const seg = timeline(changes, W, [{ from: -10 * H, to: 6 * H }, { from: 8 * H, to: 40 * H }], [{ from: 12 * H, to: 13 * H }]);
    expect(seg).toEqual([
      { from: 0, to: 6 * H, state: 'up' },
      { from: 6 * H, to: 8 * H, state: 'unknown' },
      { from: 8 * H, to: 12 * H, state: 'up' },
      { from: 12 * H, to: 13 * H, state: 'unknown' },
      { from: 13 * H, to: 24 * H, state: 'up' },
    ]);
  });

  it('covers the window exactly, whatever the order of the input', () => {
    const changes: Change[] = [
      { at: 20 * H, state: 'up' },
      { at: 5 * H, state: 'down' },
    ];
    const seg = timeline(changes, W, [{ from: 1 * H, to: 22 * H }]);
    expect(seg[0].from).toBe(0);
    expect(seg[seg.length - 1].to).toBe(24 * H);
    for (let i = 1; i < seg.length; i++) expect(seg[i].from).toBe(seg[i - 1].to);
  });

  it('is empty for an empty window', () => {
    expect(timeline([{ at: 0, state: 'up' }], { from: 5, to: 5 }, all)).toEqual([]);
  });
});

describe('uptime', () => {
  it('counts only known time', () => {
    const seg = timeline([{ at: 0, state: 'up' }, { at: 18 * H, state: 'down' }, { at: 20 * H, state: 'up' }], W, [{ from: 0, to: 22 * H }]);
    const u = uptime(seg);
    expect(u.upMs).toBe(18 * H + 2 * H);
    expect(u.downMs).toBe(2 * H);
    expect(u.unknownMs).toBe(2 * H);
    expect(u.ratio).toBeCloseTo(20 / 22);
  });

  it('has no ratio when nothing is known', () => {
    expect(uptime(timeline([], W, all)).ratio).toBeNull();
    expect(uptime(timeline([{ at: 0, state: 'up' }], W, [])).ratio).toBeNull();
  });

  it('is 100 % when up all along and 0 % when down all along', () => {
    expect(uptime(timeline([{ at: 0, state: 'up' }], W, all)).ratio).toBe(1);
    expect(uptime(timeline([{ at: 0, state: 'down' }], W, all)).ratio).toBe(0);
  });
});

describe('buckets and down periods', () => {
  const seg = timeline([{ at: 0, state: 'up' }, { at: 10 * H + 60_000, state: 'down' }, { at: 10 * H + 120_000, state: 'up' }], W, [{ from: 0, to: 20 * H }]);

  it('a one-minute outage marks its bucket down', () => {
    const b = buckets(seg, W, 24);
    expect(b).toHaveLength(24);
    expect(b[10].state).toBe('down');
    expect(b[10].downMs).toBe(60_000);
    expect(b[9].state).toBe('up');
    expect(b[21].state).toBe('unknown');
    expect(b.reduce((s, x) => s + x.upMs + x.downMs + x.unknownMs, 0)).toBe(24 * H);
  });

  it('lists the outages newest first, bounded', () => {
    expect(downPeriods(seg)).toEqual([{ from: 10 * H + 60_000, to: 10 * H + 120_000 }]);
    const many = timeline(
      Array.from({ length: 40 }, (_, i) => ({ at: i * H * 0.5, state: i % 2 ? ('up' as const) : ('down' as const) })),
      W,
      all,
    );
    const d = downPeriods(many, 5);
    expect(d).toHaveLength(5);
    expect(d[0].from).toBeGreaterThan(d[1].from);
  });
});

describe('helpers', () => {
  it('merges overlapping spans and clips them', () => {
    expect(normaliseSpans([{ from: 5, to: 10 }, { from: -3, to: 2 }, { from: 8, to: 30 }], { from: 0, to: 20 })).toEqual([
      { from: 0, to: 2 },
      { from: 5, to: 20 },
    ]);
  });

  it('maps Argo CD health to availability', () => {
    expect(healthAvailability('Healthy')).toBe('up');
    expect(healthAvailability('Progressing')).toBe('up');
    expect(healthAvailability('Degraded')).toBe('down');
    expect(healthAvailability('Missing')).toBe('down');
    expect(healthAvailability('Suspended')).toBe('unknown');
    expect(healthAvailability('Unknown')).toBe('unknown');
  });

  it('finds the spans of one state (a cluster unreachable), clipped to the window', () => {
    const reach: Change[] = [
      { at: -2 * H, state: 'down' },
      { at: 1 * H, state: 'up' },
      { at: 20 * H, state: 'down' },
    ];
    expect(spansIn(reach, 'down', W)).toEqual([
      { from: 0, to: 1 * H },
      { from: 20 * H, to: 24 * H },
    ]);
    const seg = timeline([{ at: -H, state: 'up' }], W, [W], spansIn(reach, 'down', W));
    expect(uptime(seg)).toMatchObject({ upMs: 19 * H, downMs: 0, unknownMs: 5 * H, ratio: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import { GiB } from '../capacity';
import { memoryHistory, nodeBuckets, strip, usedOf, type MemoryPoint } from './dto';
import { SAMPLE_EVERY_MS } from './limits';

const H = 3_600_000;
const W = { from: 0, to: 24 * H };

describe('strip', () => {
  it('shows a short outage in its bucket, in the outages and in the figure', () => {
    const s = strip([{ at: -H, state: 'up' }, { at: 5 * H, state: 'down' }, { at: 5 * H + 600_000, state: 'up' }], W, [W], [], 48);
    expect(s.buckets).toHaveLength(48);
    expect(s.buckets[10].state).toBe('down');
    expect(s.outages).toEqual([{ from: 5 * H, to: 5 * H + 600_000 }]);
    expect(s.uptime.ratio).toBeCloseTo(1 - 600_000 / (24 * H));
  });
});

describe('nodeBuckets', () => {
  it('keeps the fewest ready nodes of each bucket and says unknown where there is no sample', () => {
    const b = nodeBuckets(
      [
        { at: H, reachable: true, ready: 3, total: 3 },
        { at: H + 300_000, reachable: true, ready: 2, total: 3 },
        { at: 5 * H, reachable: true, ready: 3, total: 3 },
        { at: 9 * H, reachable: false, ready: 3, total: 3 },
        { at: 30 * H, reachable: true, ready: 0, total: 3 },
      ],
      W,
      12,
    );
    expect(b[0]).toMatchObject({ minReady: 2, total: 3, state: 'down' });
    expect(b[1]).toMatchObject({ minReady: null, state: 'unknown' });
    expect(b[2]).toMatchObject({ minReady: 3, state: 'up' });
    expect(b[4]).toMatchObject({ minReady: 0, state: 'down' });
  });
});

describe('memoryHistory', () => {
  const p = (at: number, mode: MemoryPoint['mode'], gaming: number): MemoryPoint => ({ at, mode, dev: mode === 'Testing' ? 4 * GiB : 0, prod: 16 * GiB, gaming, other: 0, reserve: 12 * GiB });

  it('adds up the time in each mode, finds the peak and bounds the points', () => {
    const samples = Array.from({ length: 288 }, (_, i) => p(i * SAMPLE_EVERY_MS, i < 200 ? 'Normal' : i < 250 ? 'Testing' : 'Gaming', i >= 250 ? 32 * GiB : 0));
    const m = memoryHistory(samples, 64 * GiB, W, 48);
    expect(m.modeMs).toEqual({ Normal: 200 * SAMPLE_EVERY_MS, Testing: 50 * SAMPLE_EVERY_MS, Gaming: 38 * SAMPLE_EVERY_MS });
    expect(m.unknownMs).toBe(0);
    expect(m.points.length).toBeLessThanOrEqual(48);
    expect(m.peak && usedOf(m.peak)).toBe(60 * GiB);
  });

  it('counts the time without samples as unknown', () => {
    const m = memoryHistory([p(H, 'Normal', 0)], 64 * GiB, W);
    expect(m.unknownMs).toBe(24 * H - SAMPLE_EVERY_MS);
    expect(memoryHistory([], null, W).peak).toBeNull();
  });
});

// What the history services return (services, clusters, capacity) and the pure builders behind them.
import type { Mode } from '../capacity';
import { SAMPLE_EVERY_MS } from './limits';
import { buckets, downPeriods, timeline, uptime, type Availability, type Change, type Span, type Uptime } from './uptime';

export const DAY_MS = 24 * 3_600_000;
export const WEEK_MS = 7 * DAY_MS;

export interface StripBucket extends Span {
  state: Availability;
  downMs: number;
  unknownMs: number;
}

export interface StripDto extends Span {
  uptime: Uptime;
  buckets: StripBucket[];
  /** Newest first, at most 10 (the text alternative lists them). */
  outages: Span[];
}

/** 24 h in 48 half-hours, 7 days in 84 two-hour buckets. */
export const STRIP_BUCKETS = { day: 48, week: 84 } as const;

export function strip(changes: Change[], window: Span, watched: Span[], blind: Span[], n: number): StripDto {
  const seg = timeline(changes, window, watched, blind);
  return {
    ...window,
    uptime: uptime(seg),
    buckets: buckets(seg, window, n).map(({ from, to, state, downMs, unknownMs }) => ({ from, to, state, downMs, unknownMs })),
    outages: downPeriods(seg),
  };
}

export interface ServiceHistoryDto {
  cluster: string;
  app: string;
  displayName: string;
  now: number;
  day: StripDto;
  week: StripDto;
}

export interface NodeBucket extends Span {
  /** Fewest ready nodes seen in the bucket, of the most nodes seen; null when no sample. */
  minReady: number | null;
  total: number | null;
  state: Availability;
}

export interface ClusterHistoryDto {
  cluster: string;
  now: number;
  reachability: { day: StripDto; week: StripDto };
  nodes: NodeBucket[];
}

export interface NodeSample {
  at: number;
  reachable: boolean;
  ready: number;
  total: number;
}

/** Ready nodes in buckets: up when every node was ready in every sample, down when one was not (or the cluster was unreachable). */
export function nodeBuckets(samples: NodeSample[], window: Span, n: number): NodeBucket[] {
  const size = (window.to - window.from) / n;
  const out: NodeBucket[] = Array.from({ length: n }, (_, i) => ({ from: window.from + i * size, to: i === n - 1 ? window.to : window.from + (i + 1) * size, minReady: null, total: null, state: 'unknown' }));
  for (const s of samples) {
    if (s.at < window.from || s.at >= window.to) continue;
    const b = out[Math.min(n - 1, Math.floor((s.at - window.from) / size))];
    const ready = s.reachable ? s.ready : 0;
    b.minReady = b.minReady === null ? ready : Math.min(b.minReady, ready);
    b.total = Math.max(b.total ?? 0, s.total);
    const bad = !s.reachable || s.ready < s.total;
    b.state = bad || b.state === 'down' ? 'down' : 'up';
  }
  return out;
}

export interface MemoryPoint {
  at: number;
  mode: Mode;
  dev: number;
  prod: number;
  gaming: number;
  other: number;
  reserve: number;
}

export interface MemoryHistoryDto extends Span {
  totalBytes: number | null;
  points: MemoryPoint[];
  /** Time spent in each mode over the window (each sample stands for one sampling interval); the rest is unknown. */
  modeMs: Record<Mode, number>;
  unknownMs: number;
  peak: MemoryPoint | null;
}

export const usedOf = (p: MemoryPoint) => p.reserve + p.dev + p.prod + p.gaming + p.other;

/** At most `max` points (the busiest sample of each slice), the time per mode and the peak. */
export function memoryHistory(samples: MemoryPoint[], totalBytes: number | null, window: Span, max = 336): MemoryHistoryDto {
  const inside = samples.filter((s) => s.at >= window.from && s.at < window.to).sort((a, b) => a.at - b.at);
  const modeMs: Record<Mode, number> = { Normal: 0, Testing: 0, Gaming: 0 };
  for (const s of inside) modeMs[s.mode] += SAMPLE_EVERY_MS;
  const known = Object.values(modeMs).reduce((a, b) => a + b, 0);
  const slice = (window.to - window.from) / max;
  const picked = new Map<number, MemoryPoint>();
  for (const s of inside) {
    const k = Math.floor((s.at - window.from) / slice);
    const cur = picked.get(k);
    if (!cur || usedOf(s) > usedOf(cur)) picked.set(k, s);
  }
  const peak = inside.reduce<MemoryPoint | null>((p, s) => (!p || usedOf(s) > usedOf(p) ? s : p), null);
  return { ...window, totalBytes, points: [...picked.values()], modeMs, unknownMs: Math.max(0, window.to - window.from - known), peak };
}

// Availability over a window from recorded state changes: the interval maths behind the services'
// strips and uptime figures and the clusters' reachability strips. Pure. Times are epoch ms.
// Whatever the panel did not watch (no watch period covers it, or the cluster was unreachable) is
// "unknown": it counts neither for nor against the uptime.

export type Availability = 'up' | 'down' | 'unknown';

export interface Span {
  from: number;
  to: number;
}

/** The state from `at` on, until the next change. */
export interface Change {
  at: number;
  state: Availability;
}

export interface Segment extends Span {
  state: Availability;
}

export interface Bucket extends Span {
  upMs: number;
  downMs: number;
  unknownMs: number;
  /** down if any down time, else up if mostly known and up, else unknown. */
  state: Availability;
}

export interface Uptime {
  upMs: number;
  downMs: number;
  unknownMs: number;
  /** up / (up + down), 0..1; null when nothing in the window is known. */
  ratio: number | null;
}

/** Sorted, merged, clipped to the window, empty spans dropped. */
export function normaliseSpans(spans: Span[], window: Span): Span[] {
  const clipped = spans
    .map((s) => ({ from: Math.max(s.from, window.from), to: Math.min(s.to, window.to) }))
    .filter((s) => s.to > s.from)
    .sort((a, b) => a.from - b.from);
  const out: Span[] = [];
  for (const s of clipped) {
    const last = out[out.length - 1];
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else out.push({ ...s });
  }
  return out;
}

/**
 * The window as consecutive segments. `changes` may start before the window (the state at its start
 * is the last change before it); before the first change the state is unknown. `watched` are the
 * periods the panel was watching; `blind` are periods it could not see (e.g. the cluster unreachable).
 */
export function timeline(changes: Change[], window: Span, watched: Span[], blind: Span[] = []): Segment[] {
  if (window.to <= window.from) return [];
  const sorted = [...changes].sort((a, b) => a.at - b.at);
  // Raw state segments over the window.
  const raw: Segment[] = [];
  let state: Availability = 'unknown';
  let cursor = window.from;
  for (const c of sorted) {
    if (c.at <= window.from) {
      state = c.state;
      continue;
    }
    if (c.at >= window.to) break;
    raw.push({ from: cursor, to: c.at, state });
    cursor = c.at;
    state = c.state;
  }
  raw.push({ from: cursor, to: window.to, state });
  // Visibility: watched minus blind, as cut points.
  const seen = subtract(normaliseSpans(watched, window), normaliseSpans(blind, window));
  const out: Segment[] = [];
  const push = (s: Segment) => {
    if (s.to <= s.from) return;
    const last = out[out.length - 1];
    if (last && last.state === s.state && last.to === s.from) last.to = s.to;
    else out.push({ ...s });
  };
  for (const seg of raw) {
    let at = seg.from;
    for (const v of seen) {
      if (v.to <= at || v.from >= seg.to) continue;
      if (v.from > at) push({ from: at, to: v.from, state: 'unknown' });
      const end = Math.min(v.to, seg.to);
      push({ from: Math.max(at, v.from), to: end, state: seg.state });
      at = end;
    }
    if (at < seg.to) push({ from: at, to: seg.to, state: 'unknown' });
  }
  return out;
}

/** `a` minus `b`; both normalised. */
function subtract(a: Span[], b: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of a) {
    let from = s.from;
    for (const cut of b) {
      if (cut.to <= from || cut.from >= s.to) continue;
      if (cut.from > from) out.push({ from, to: cut.from });
      from = Math.max(from, cut.to);
    }
    if (from < s.to) out.push({ from, to: s.to });
  }
  return out;
}

function sums(segments: Segment[], span?: Span): Omit<Uptime, 'ratio'> {
  const acc = { upMs: 0, downMs: 0, unknownMs: 0 };
  for (const s of segments) {
    const from = span ? Math.max(s.from, span.from) : s.from;
    const to = span ? Math.min(s.to, span.to) : s.to;
    if (to <= from) continue;
    if (s.state === 'up') acc.upMs += to - from;
    else if (s.state === 'down') acc.downMs += to - from;
    else acc.unknownMs += to - from;
  }
  return acc;
}

export function uptime(segments: Segment[]): Uptime {
  const s = sums(segments);
  const known = s.upMs + s.downMs;
  return { ...s, ratio: known > 0 ? s.upMs / known : null };
}

/** `n` equal buckets over the window, for a strip. */
export function buckets(segments: Segment[], window: Span, n: number): Bucket[] {
  const size = (window.to - window.from) / n;
  const out: Bucket[] = [];
  for (let i = 0; i < n; i++) {
    const span = { from: window.from + i * size, to: i === n - 1 ? window.to : window.from + (i + 1) * size };
    const s = sums(segments, span);
    const state: Availability = s.downMs > 0 ? 'down' : s.upMs > 0 && s.unknownMs <= s.upMs ? 'up' : 'unknown';
    out.push({ ...span, ...s, state });
  }
  return out;
}

/** The down periods, newest first, at most `max` (the strip's text alternative names them). */
export function downPeriods(segments: Segment[], max = 10): Span[] {
  return segments
    .filter((s) => s.state === 'down')
    .map(({ from, to }) => ({ from, to }))
    .reverse()
    .slice(0, max);
}

/** Argo CD health → availability: Progressing (a rollout) still serves; Suspended and Unknown say nothing. */
export function healthAvailability(health: string): Availability {
  if (health === 'Healthy' || health === 'Progressing') return 'up';
  if (health === 'Degraded' || health === 'Missing') return 'down';
  return 'unknown';
}

/** The spans during which the state was `state` (e.g. a cluster unreachable: its apps are then unknown). */
export function spansIn(changes: Change[], state: Availability, window: Span): Span[] {
  const sorted = [...changes].sort((a, b) => a.at - b.at);
  const out: Span[] = [];
  sorted.forEach((c, i) => {
    if (c.state === state) out.push({ from: c.at, to: sorted[i + 1]?.at ?? window.to });
  });
  return normaliseSpans(out, window);
}

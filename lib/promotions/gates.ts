// Gate maths: the soak gate says DEV has been Synced and Healthy on the new version, without a break,
// for at least the soak time. The clock starts at the later of the DEV commit and the start of the
// current healthy streak in the health history (rows are written on every sync/health transition).

export type GateStatus = 'passed' | 'waiting' | 'failed';

export interface Gate {
  id: string;
  label: string;
  status: GateStatus;
  /** One sentence in plain words, e.g. "DEV has been healthy for 5 h 10 min; 18 h 50 min to go." */
  detail: string;
  remainingMs?: number;
}

export interface HealthPoint {
  at: Date;
  sync: string;
  health: string;
}

export interface SoakInput {
  now: Date;
  /** When the DEV change was committed (commits API). */
  committedAt: Date;
  soakHours: number;
  /** The DEV Application's transitions, any order. */
  history: HealthPoint[];
  /** The DEV Application's live state, used only when the history has nothing. */
  current?: { sync: string; health: string } | null;
}

const healthy = (p: { sync: string; health: string }) => p.sync === 'Synced' && p.health === 'Healthy';
const BROKEN = new Set(['Degraded', 'Missing']);

export function formatDuration(ms: number): string {
  const min = Math.max(0, Math.ceil(ms / 60_000));
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  const m = min % 60;
  if (h < 48) return m ? `${h} h ${m} min` : `${h} h`;
  const d = Math.floor(h / 24);
  const rh = h % 24;
  return rh ? `${d} days ${rh} h` : `${d} days`;
}

/** The start of the current unbroken Synced+Healthy streak, or null when DEV is not healthy now. */
export function healthySince(history: HealthPoint[]): Date | null {
  const rows = [...history].sort((a, b) => a.at.getTime() - b.at.getTime());
  if (rows.length === 0 || !healthy(rows[rows.length - 1])) return null;
  let k = rows.length - 1;
  while (k > 0 && healthy(rows[k - 1])) k--;
  return rows[k].at;
}

export function soakGate(i: SoakInput): Gate {
  const label = `DEV stable for ${formatDuration(i.soakHours * 3_600_000)}`;
  const rows = [...i.history].sort((a, b) => a.at.getTime() - b.at.getTime());
  const latest = rows[rows.length - 1] ?? i.current ?? null;
  if (!latest) return { id: 'soak', label, status: 'waiting', detail: 'No health information about DEV yet.' };
  if (BROKEN.has(latest.health)) return { id: 'soak', label, status: 'failed', detail: `DEV is ${latest.health} right now: fix DEV before promoting.` };
  if (!healthy(latest)) return { id: 'soak', label, status: 'waiting', detail: `DEV is not settled yet (${latest.sync}, ${latest.health}).` };
  // No transitions recorded means nothing changed: DEV has been healthy since at least the commit.
  const since = rows.length ? healthySince(rows)! : i.committedAt;
  const start = new Date(Math.max(since.getTime(), i.committedAt.getTime()));
  const elapsed = i.now.getTime() - start.getTime();
  const need = i.soakHours * 3_600_000;
  if (elapsed >= need) return { id: 'soak', label, status: 'passed', detail: `DEV has been healthy on this version for ${formatDuration(elapsed)}.` };
  const remainingMs = need - elapsed;
  return { id: 'soak', label, status: 'waiting', detail: `DEV has been healthy for ${formatDuration(Math.max(0, elapsed))}; ${formatDuration(remainingMs)} to go.`, remainingMs };
}

export function gatesPassed(gates: Gate[]): boolean {
  return gates.every((g) => g.status === 'passed');
}

// Gate maths: the soak gate says DEV has been Synced and Healthy on the new version, without a break,
// for at least the soak time. The clock starts at the later of the DEV commit and the start of the
// current healthy streak in the health history (rows are written on every sync/health transition).

import { msg, type Message } from '../i18n/message';

export type GateStatus = 'passed' | 'waiting' | 'failed';

export interface Gate {
  id: string;
  /** Coded (lib/i18n/message.ts), said by the page in its language: "DEV stable for 24 h". */
  label: Message;
  status: GateStatus;
  /** One sentence in plain words, e.g. "DEV has been healthy for 5 h 10 min; 18 h 50 min to go." */
  detail: Message;
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

/** The start of the current unbroken Synced+Healthy streak, or null when DEV is not healthy now. */
export function healthySince(history: HealthPoint[]): Date | null {
  const rows = [...history].sort((a, b) => a.at.getTime() - b.at.getTime());
  if (rows.length === 0 || !healthy(rows[rows.length - 1])) return null;
  let k = rows.length - 1;
  while (k > 0 && healthy(rows[k - 1])) k--;
  return rows[k].at;
}

export function soakGate(i: SoakInput): Gate {
  const label = msg('gate.soak.label', { time: { ms: i.soakHours * 3_600_000 } });
  const rows = [...i.history].sort((a, b) => a.at.getTime() - b.at.getTime());
  const latest = rows[rows.length - 1] ?? i.current ?? null;
  if (!latest) return { id: 'soak', label, status: 'waiting', detail: msg('gate.soak.noInfo') };
  if (BROKEN.has(latest.health)) return { id: 'soak', label, status: 'failed', detail: msg('gate.soak.broken', { health: latest.health }) };
  if (!healthy(latest)) return { id: 'soak', label, status: 'waiting', detail: msg('gate.soak.unsettled', { sync: latest.sync, health: latest.health }) };
  // No transitions recorded means nothing changed: DEV has been healthy since at least the commit.
  const since = rows.length ? healthySince(rows)! : i.committedAt;
  const start = new Date(Math.max(since.getTime(), i.committedAt.getTime()));
  const elapsed = i.now.getTime() - start.getTime();
  const need = i.soakHours * 3_600_000;
  if (elapsed >= need) return { id: 'soak', label, status: 'passed', detail: msg('gate.soak.passed', { time: { ms: elapsed } }) };
  const remainingMs = need - elapsed;
  return { id: 'soak', label, status: 'waiting', detail: msg('gate.soak.waiting', { time: { ms: Math.max(0, elapsed) }, left: { ms: remainingMs } }), remainingMs };
}

export function gatesPassed(gates: Gate[]): boolean {
  return gates.every((g) => g.status === 'passed');
}

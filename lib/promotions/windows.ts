// Promotion windows and freezes (issue 16), pure. A freeze ("no PROD changes during the exam week")
// blocks every promotion between its start and end; weekly windows, when there are any, are the
// only times a promotion (manual or automatic) may land. Times are the panel's time zone (server.timeZone).
import { z } from 'zod';
import { msg } from '../i18n/message';
import type { Gate } from './gates';

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];

export interface WeeklyWindow {
  id: string;
  kind: 'window';
  days: Day[];
  from: string;
  to: string;
  reason: string;
}
export interface Freeze {
  id: string;
  kind: 'freeze';
  startsAt: Date;
  endsAt: Date;
  reason: string;
}
export type WindowRule = WeeklyWindow | Freeze;

export interface WindowRuleDto {
  id: string;
  kind: 'window' | 'freeze';
  days: Day[];
  from: string | null;
  to: string | null;
  startsAt: string | null;
  endsAt: string | null;
  reason: string;
  createdBy: string;
}
export interface WindowsDto {
  timeZone: string;
  rules: WindowRuleDto[];
  gate: Gate;
}

const Hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time like 09:00');
/** `2026-12-14T00:00` as typed in a date-time field: a wall-clock time in the panel's time zone. */
const LocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'expected a date and time like 2026-12-14T00:00')
  .refine((v) => {
    const d = new Date(`${v}:00Z`);
    // A real calendar date (not 30 February) between 2000 and 2999.
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 16) === v && v >= '2000' && v < '3000';
  }, 'expected a real date and time like 2026-12-14T00:00');
const Reason = z.string().trim().min(3, 'say why in a few words').max(200);

export const AddWindowSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('window'), days: z.array(z.enum(DAYS)).min(1, 'choose at least one day').max(7), from: Hhmm, to: Hhmm, reason: Reason })
    .strict()
    .refine((w) => w.from < w.to, { message: 'the window must end after it starts (same day)', path: ['to'] }),
  z.object({ kind: z.literal('freeze'), startsAt: LocalDateTime, endsAt: LocalDateTime, reason: Reason }).strict(),
]);
export const RemoveWindowSchema = z.object({ id: z.uuid({ error: 'expected a window id' }) }).strict();

function wallClock(now: Date, timeZone: string): { day: Day; hhmm: string } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return { day: get('weekday').toLowerCase().slice(0, 3) as Day, hhmm: `${get('hour')}:${get('minute')}` };
}

/** A wall-clock time in `timeZone` ("2026-12-14T00:00") as an instant (DST-safe to the minute). */
export function zonedToInstant(local: string, timeZone: string): Date {
  const asUtc = new Date(`${local}:00Z`);
  // The zone's offset at that moment, found by formatting the guess back; twice for DST edges.
  let guess = asUtc.getTime();
  for (let i = 0; i < 2; i++) {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(guess));
    const g = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
    const shown = Date.parse(`${g('year')}-${g('month')}-${g('day')}T${g('hour')}:${g('minute')}:00Z`);
    guess += asUtc.getTime() - shown;
  }
  return new Date(guess);
}

/** An instant as a wall-clock time in `timeZone`: "2026-12-14 00:00". */
export function instantToZoned(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const g = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return `${g('year')}-${g('month')}-${g('day')} ${g('hour')}:${g('minute')}`;
}

export function describeWindow(w: Pick<WeeklyWindow, 'days' | 'from' | 'to'>): string {
  const days = DAYS.filter((d) => w.days.includes(d)).join(', ');
  return `${days} ${w.from}–${w.to}`;
}

/**
 * The window gate: `failed` during a freeze (its reason and end said), `waiting` outside every weekly
 * window (the windows said), else `passed`. Neither can be overridden by "approve anyway".
 */
export function windowGate(i: { now: Date; timeZone: string; rules: WindowRule[] }): Gate {
  const label = msg('gate.window.label');
  const freeze = i.rules
    .filter((r): r is Freeze => r.kind === 'freeze')
    .filter((f) => f.startsAt.getTime() <= i.now.getTime() && i.now.getTime() < f.endsAt.getTime())
    .sort((a, b) => b.endsAt.getTime() - a.endsAt.getTime())[0];
  if (freeze) {
    return { id: 'window', label, status: 'failed', detail: msg('gate.window.frozen', { reason: freeze.reason, until: instantToZoned(freeze.endsAt, i.timeZone), zone: i.timeZone }), remainingMs: freeze.endsAt.getTime() - i.now.getTime() };
  }
  const windows = i.rules.filter((r): r is WeeklyWindow => r.kind === 'window');
  if (windows.length === 0) return { id: 'window', label, status: 'passed', detail: msg('gate.window.anyTime') };
  const { day, hhmm } = wallClock(i.now, i.timeZone);
  const open = windows.find((w) => w.days.includes(day) && hhmm >= w.from && hhmm < w.to);
  if (open) return { id: 'window', label, status: 'passed', detail: msg('gate.window.open', { window: describeWindow(open), zone: i.timeZone }) };
  return { id: 'window', label, status: 'waiting', detail: msg('gate.window.closed', { windows: windows.map(describeWindow).join('; '), zone: i.timeZone }) };
}

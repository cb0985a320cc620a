import 'server-only';
import { AUDIT_DEFAULTS } from '@/lib/protection/config';
import type { Db } from '../../../db';
import { config } from '../../../env';
import { currentRequestId, log } from '../../../log';
import type { AuditInput } from './record-audit';

// Refusals without a session are counted, not logged one by one: one anonymous_refusals row per client
// address (IPv6 by /64, which one host can rotate within) and window, and one audit_events row for the
// first refusal of each window. Counts are summed in memory and written once a second, so a flood costs
// no database work per request (a crash loses at most that second's counts).

const FLUSH_MS = 1_000;
const MAX_PENDING = 10_000;
const SWEEP_EVERY_MS = 10 * 60_000;

interface Pending {
  start: Date;
  key: string;
  count: number;
  lastAction: string;
  lastAt: Date;
  first: AuditInput & { requestId?: string };
  db: Db;
  writeRow: (db: Db, input: AuditInput) => Promise<void>;
}

const pending = new Map<string, Pending>();
let timer: NodeJS.Timeout | undefined;
let lastSweep = 0;

function settings() {
  try {
    return config().audit;
  } catch {
    return AUDIT_DEFAULTS; // no configuration (a script or a test): the documented defaults
  }
}

/** The key an address is counted under. */
export function refusalKey(ip: string | null | undefined): string {
  if (!ip) return 'unknown';
  if (!ip.includes(':')) return ip.slice(0, 45);
  const groups = ip.split('::')[0].split(':').slice(0, 4);
  return `${groups.join(':')}::/64`;
}

export async function recordAnonymousRefusal(db: Db, input: AuditInput, writeRow: Pending['writeRow'], now = Date.now()): Promise<void> {
  const windowMs = settings().anonymousWindowSeconds * 1000;
  const start = new Date(Math.floor(now / windowMs) * windowMs);
  // Past the bound of distinct addresses in one second, the rest are counted together.
  const key = pending.size >= MAX_PENDING ? 'many' : refusalKey(input.ip);
  const action = input.action.slice(0, 100);
  const id = `${start.getTime()} ${key}`;
  const p = pending.get(id);
  if (p) {
    p.count++;
    p.lastAction = action;
    p.lastAt = new Date(now);
  } else {
    pending.set(id, { start, key, count: 1, lastAction: action, lastAt: new Date(now), first: { ...input, action, ip: key, requestId: currentRequestId() }, db, writeRow });
  }
  if (!timer) {
    timer = setTimeout(() => void flushAnonymousRefusals(), FLUSH_MS);
    timer.unref?.();
  }
}

/** Writes the counts summed since the last flush (also called by tests and at shutdown). */
export async function flushAnonymousRefusals(now = Date.now()): Promise<void> {
  clearTimeout(timer);
  timer = undefined;
  const batch = [...pending.values()];
  pending.clear();
  const { anonymousWindowSeconds, retentionDays } = settings();
  for (const p of batch) {
    try {
      const rows = await p.db.$queryRaw<{ count: number }[]>`
        INSERT INTO anonymous_refusals (window_start, ip, count, last_action, last_at) VALUES (${p.start}, ${p.key}, ${p.count}, ${p.lastAction}, ${p.lastAt})
        ON CONFLICT (window_start, ip) DO UPDATE SET count = anonymous_refusals.count + EXCLUDED.count, last_action = EXCLUDED.last_action, last_at = EXCLUDED.last_at
        RETURNING count`;
      // This flush opened the window's row (on whichever replica): it writes the window's audit row.
      if (Number(rows[0]?.count) === p.count) {
        const { requestId, ...first } = p.first;
        await p.writeRow(p.db, { ...first, details: { ...first.details, ...(requestId ? { requestId } : {}), counted: 'anonymous_refusals', windowStart: p.start.toISOString(), windowSeconds: anonymousWindowSeconds } });
      }
    } catch (e) {
      log.warn({ err: (e as Error).message, key: p.key, count: p.count }, 'anonymous refusals not counted');
    }
  }
  const db = batch[0]?.db;
  if (db && now - lastSweep > SWEEP_EVERY_MS) {
    lastSweep = now;
    await db.$executeRaw`DELETE FROM anonymous_refusals WHERE window_start < ${new Date(now - retentionDays * 86_400_000)}`.catch(() => undefined);
  }
}

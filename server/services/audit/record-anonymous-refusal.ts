import 'server-only';
import type { Db } from '../../db';
import { AUDIT_DEFAULTS } from '@/lib/protection/config';
import { config } from '../../env';
import type { AuditInput } from './record-audit';

// Refusals without a session are counted, not logged one by one: one anonymous_refusals row per client
// address (IPv6 by /64, which one host can rotate within) and window, and one audit_events row for the
// first refusal of each window. Anonymous traffic therefore grows the database by rows per address-window.

let lastSweep = 0;
const SWEEP_EVERY_MS = 10 * 60_000;

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

export async function recordAnonymousRefusal(db: Db, input: AuditInput, writeRow: (db: Db, input: AuditInput) => Promise<void>, now = Date.now()): Promise<void> {
  const { anonymousWindowSeconds, retentionDays } = settings();
  const windowMs = anonymousWindowSeconds * 1000;
  const start = new Date(Math.floor(now / windowMs) * windowMs);
  const key = refusalKey(input.ip);
  const action = input.action.slice(0, 100);
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO anonymous_refusals (window_start, ip, count, last_action, last_at) VALUES (${start}, ${key}, 1, ${action}, ${new Date(now)})
    ON CONFLICT (window_start, ip) DO UPDATE SET count = anonymous_refusals.count + 1, last_action = EXCLUDED.last_action, last_at = EXCLUDED.last_at
    RETURNING count`;
  if (Number(rows[0]?.count) === 1) {
    await writeRow(db, { ...input, action, ip: key, details: { ...input.details, counted: 'anonymous_refusals', windowStart: start.toISOString(), windowSeconds: anonymousWindowSeconds } });
  }
  if (now - lastSweep > SWEEP_EVERY_MS) {
    lastSweep = now;
    await db.$executeRaw`DELETE FROM anonymous_refusals WHERE window_start < ${new Date(now - retentionDays * 86_400_000)}`;
  }
}

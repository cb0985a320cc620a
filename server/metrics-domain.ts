import 'server-only';
import { PROMOTION_STATES } from '@/lib/promotions/state';
import type { Db } from './db';
import { GamingEndReason, GamingSessionState } from './generated/prisma/enums';
import { metrics } from './metrics';

// Domain metrics read from the database at scrape time (not counted in memory): they are the same
// on every replica, survive restarts, and need no hook in the promotion or gaming services.
// Every known label value is always present (0 when none), so `absent()` never fires by accident.

const ACTIVE_GAMING_STATES = Object.values(GamingSessionState).filter((s) => s !== 'ended');
const END_REASONS = Object.values(GamingEndReason);

function zeroFilled<K extends string>(known: readonly K[], counted: { key: K | null; n: number }[], label: string) {
  const by = new Map<string, number>(known.map((k) => [k, 0]));
  for (const c of counted) if (c.key) by.set(c.key, (by.get(c.key) ?? 0) + c.n);
  return [...by].map(([k, value]) => ({ labels: { [label]: k }, value }));
}

/** Registers the database-backed metrics (idempotent: the last registration wins). */
export function registerDomainMetrics(database: () => Promise<Db>) {
  metrics.collected('panel_promotions', 'Promotions by state (from the database; the same on every replica).', 'gauge', ['state'], async () => {
    const rows = await (await database()).promotion.groupBy({ by: ['state'], _count: { _all: true } });
    return zeroFilled(PROMOTION_STATES, rows.map((r) => ({ key: r.state, n: r._count._all })), 'state');
  });
  metrics.collected('panel_gaming_sessions_active', 'Gaming sessions not ended yet, by state (from the database).', 'gauge', ['state'], async () => {
    const rows = await (await database()).gamingSession.groupBy({ by: ['state'], where: { endedAt: null }, _count: { _all: true } });
    return zeroFilled(ACTIVE_GAMING_STATES, rows.map((r) => ({ key: r.state, n: r._count._all })), 'state');
  });
  metrics.collected('panel_gaming_sessions_ended_total', 'Gaming sessions ended, by reason (from the database, since the first session).', 'counter', ['reason'], async () => {
    const rows = await (await database()).gamingSession.groupBy({ by: ['endReason'], where: { endedAt: { not: null } }, _count: { _all: true } });
    return zeroFilled(END_REASONS, rows.map((r) => ({ key: r.endReason, n: r._count._all })), 'reason');
  });
}

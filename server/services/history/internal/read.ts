import 'server-only';
import { WATCH_GAP_MS } from '@/lib/history/limits';
import { healthAvailability, type Change, type Span } from '@/lib/history/uptime';
import type { Db } from '../../../db';

// Reads behind the history verbs, each bounded (a flapping app cannot make a page read a million rows).
const MAX_ROWS = 5_000;

/** The periods the panel was watching; the current one reaches `now` while the job still ticks. */
export async function watchedSpans(db: Db, window: Span, now: number): Promise<Span[]> {
  const rows = await db.watchPeriod.findMany({
    where: { lastSeenAt: { gte: new Date(window.from) }, startedAt: { lt: new Date(window.to) } },
    orderBy: { lastSeenAt: 'desc' },
    take: MAX_ROWS,
  });
  return rows.map((r, i) => {
    const to = r.lastSeenAt.getTime();
    return { from: r.startedAt.getTime(), to: i === 0 && to >= now - WATCH_GAP_MS ? now : to };
  });
}

/** An app's health changes in the window, and the last one before it (the state at the window's start). */
export async function healthChanges(db: Db, cluster: string, app: string, window: Span): Promise<Change[]> {
  const [before, inside] = await Promise.all([
    db.healthTransition.findFirst({ where: { cluster, app, at: { lt: new Date(window.from) } }, orderBy: [{ at: 'desc' }, { id: 'desc' }], select: { at: true, toHealth: true } }),
    db.healthTransition.findMany({ where: { cluster, app, at: { gte: new Date(window.from), lt: new Date(window.to) } }, orderBy: [{ at: 'asc' }, { id: 'asc' }], take: MAX_ROWS, select: { at: true, toHealth: true } }),
  ]);
  return [...(before ? [before] : []), ...inside].map((r) => ({ at: r.at.getTime(), state: healthAvailability(r.toHealth) }));
}

/** A cluster's reachability changes (reachable = up), with the last one before the window. */
export async function reachabilityChanges(db: Db, cluster: string, window: Span): Promise<Change[]> {
  const [before, inside] = await Promise.all([
    db.clusterReachability.findFirst({ where: { cluster, at: { lt: new Date(window.from) } }, orderBy: [{ at: 'desc' }, { id: 'desc' }] }),
    db.clusterReachability.findMany({ where: { cluster, at: { gte: new Date(window.from), lt: new Date(window.to) } }, orderBy: [{ at: 'asc' }, { id: 'asc' }], take: MAX_ROWS }),
  ]);
  return [...(before ? [before] : []), ...inside].map((r) => ({ at: r.at.getTime(), state: r.reachable ? 'up' : 'down' }));
}

import 'server-only';
import { soakHoursFor, type PromotionConfig } from '@/lib/promotions/config';
import { soakGate, type Gate, type HealthPoint } from '@/lib/promotions/gates';
import { commitsFor } from '../../../clients/github/index';
import { log } from '../../../log';
import { appName, type PromotionCtx } from './ctx';

// The soak gate of one candidate: when the DEV change was committed (commits API, cached per head)
// and the DEV Application's health history since then (health_transitions, written by the live store).

const commitTimes = new Map<string, Date>();

async function devCommittedAt(ctx: PromotionCtx, devPath: string, head: string): Promise<Date> {
  const key = `${head}:${devPath}`;
  const hit = commitTimes.get(key);
  if (hit) return hit;
  const [latest] = await commitsFor(ctx.github(), devPath, head, 1);
  const at = latest ? new Date(latest.date) : new Date(0);
  if (commitTimes.size > 500) commitTimes.clear();
  commitTimes.set(key, at);
  return at;
}

export async function soakGateFor(ctx: PromotionCtx, cfg: PromotionConfig, service: string, devPath: string, head: string): Promise<Gate> {
  const committedAt = await devCommittedAt(ctx, devPath, head);
  const db = await ctx.db();
  const app = appName(service, cfg.fromCluster);
  // Transitions since the commit, plus the one before it (the state DEV was in when it landed).
  const [after, before] = await Promise.all([
    db.healthTransition.findMany({ where: { app, at: { gte: committedAt } }, orderBy: { at: 'asc' }, take: 500 }),
    db.healthTransition.findFirst({ where: { app, at: { lt: committedAt } }, orderBy: { at: 'desc' } }),
  ]);
  const rows = [...(before ? [before] : []), ...after];
  const history: HealthPoint[] = rows.map((r) => ({ at: r.at, sync: r.toSync, health: r.toHealth }));
  let current: { sync: string; health: string } | null = null;
  if (history.length === 0) {
    try {
      current = await ctx.apps()(app);
    } catch (e) {
      log.warn({ app, err: (e as Error).message }, 'promotions: cannot read the DEV application');
    }
  }
  return soakGate({ now: ctx.now(), committedAt, soakHours: soakHoursFor(cfg, service), history, current });
}

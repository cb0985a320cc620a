import 'server-only';
import { msg } from '@/lib/i18n/message';
import type { Gate } from '@/lib/promotions/gates';
import { describeWindow, instantToZoned, windowGate, type Day, type WindowRule, type WindowRuleDto } from '@/lib/promotions/windows';
import type { Db } from '../../../db';
import { ConflictError } from '../../../errors';
import type { PromotionCtx } from './ctx';

// Windows and freezes of promotions, read from promotion_windows; the rule itself is pure
// (lib/promotions/windows.ts). Freezes that ended more than a week ago are not read.

type Row = Awaited<ReturnType<Db['promotionWindow']['findMany']>>[number];

export async function windowRows(db: Db, now: Date): Promise<Row[]> {
  return db.promotionWindow.findMany({
    where: { OR: [{ kind: 'window' }, { kind: 'freeze', endsAt: { gt: new Date(now.getTime() - 7 * 86_400_000) } }] },
    orderBy: [{ kind: 'asc' }, { startsAt: 'asc' }, { createdAt: 'asc' }],
    take: 200,
  });
}

export function toRule(r: Row): WindowRule {
  return r.kind === 'freeze'
    ? { id: r.id, kind: 'freeze', startsAt: r.startsAt!, endsAt: r.endsAt!, reason: r.reason }
    : { id: r.id, kind: 'window', days: r.days as Day[], from: r.fromTime!, to: r.toTime!, reason: r.reason };
}

export function toRuleDto(r: Row): WindowRuleDto {
  return { id: r.id, kind: r.kind as 'window' | 'freeze', days: r.days as Day[], from: r.fromTime, to: r.toTime, startsAt: r.startsAt?.toISOString() ?? null, endsAt: r.endsAt?.toISOString() ?? null, reason: r.reason, createdBy: r.createdBy };
}

export const timeZoneOf = (ctx: PromotionCtx) => ctx.timeZone?.() ?? 'UTC';

export async function windowGateFor(ctx: PromotionCtx): Promise<Gate> {
  const now = ctx.now();
  return windowGate({ now, timeZone: timeZoneOf(ctx), rules: (await windowRows(await ctx.db(), now)).map(toRule) });
}

/** Refuses (409, coded) a promotion that would land during a freeze or outside every window. */
export async function assertWindowOpen(ctx: PromotionCtx): Promise<void> {
  const now = ctx.now();
  const zone = timeZoneOf(ctx);
  const rules = (await windowRows(await ctx.db(), now)).map(toRule);
  const gate = windowGate({ now, timeZone: zone, rules });
  if (gate.status === 'passed') return;
  const p = gate.detail.params ?? {};
  if (gate.status === 'failed') {
    throw new ConflictError(`PROD is frozen until ${String(p.until)} (${zone}): ${String(p.reason)}. Nothing was committed.`, { window: 'frozen' }).withMsg(msg('srv.window.frozen', { until: String(p.until), zone, reason: String(p.reason) }));
  }
  const windows = rules.filter((r) => r.kind === 'window').map((w) => describeWindow(w as never)).join('; ');
  throw new ConflictError(`Promotions may land only inside the windows (${windows}, ${zone}). Nothing was committed.`, { window: 'closed' }).withMsg(msg('srv.window.closed', { windows, zone }));
}

export { instantToZoned };

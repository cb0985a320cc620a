import 'server-only';
import { AddWindowSchema, zonedToInstant, type WindowRuleDto } from '@/lib/promotions/windows';
import { requirePermission } from '../../auth/guard';
import { ValidationError } from '../../errors';
import { parseInput } from '../../validation';
import { recordAudit } from '../audit/internal/record-audit';
import { promotionCtx, type PromotionCtx } from './internal/ctx';
import { timeZoneOf, toRuleDto } from './internal/windows';

// POST /api/promotions/windows — adds a weekly window or a freeze (admin). Dates are read in the
// owner's time zone (server.timeZone). The same rule twice (a double click, two tabs) is one row:
// the check and the insert run under one advisory lock.
export async function addWindow(input: unknown, ctx: PromotionCtx = promotionCtx()): Promise<WindowRuleDto> {
  const actor = await requirePermission('promotion:approve', ctx);
  const db = await ctx.db();
  const audit = async (outcome: 'ok' | 'denied', details: Record<string, unknown>) =>
    recordAudit(db, { actor: actor.subject, actorName: actor.name, role: actor.role, action: 'promotion.window.add', target: 'promotion-windows', outcome, details, ip: await ctx.ip() });
  let w;
  try {
    w = parseInput(AddWindowSchema, input);
  } catch (e) {
    await audit('denied', { reason: (e as Error).message });
    throw e;
  }
  const zone = timeZoneOf(ctx);
  const data =
    w.kind === 'freeze'
      ? { kind: 'freeze', days: [], fromTime: null, toTime: null, startsAt: zonedToInstant(w.startsAt, zone), endsAt: zonedToInstant(w.endsAt, zone), reason: w.reason, createdBy: actor.name }
      : { kind: 'window', days: w.days, fromTime: w.from, toTime: w.to, startsAt: null, endsAt: null, reason: w.reason, createdBy: actor.name };
  if (data.kind === 'freeze' && data.endsAt!.getTime() <= data.startsAt!.getTime()) {
    await audit('denied', { ...w, reason: 'the freeze ends before it starts' });
    throw new ValidationError('The freeze must end after it starts.');
  }
  const row = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('panel:promotion-windows'))`;
    const same = await tx.promotionWindow.findFirst({ where: { kind: data.kind, days: { equals: data.days }, fromTime: data.fromTime, toTime: data.toTime, startsAt: data.startsAt, endsAt: data.endsAt, reason: data.reason } });
    return same ?? tx.promotionWindow.create({ data });
  });
  await audit('ok', { id: row.id, ...w, timeZone: zone });
  return toRuleDto(row);
}

import 'server-only';
import { ResumeInputSchema } from '@/lib/promotions/types';
import { requirePermission } from '../../auth/guard';
import { bus } from '../../live/events';
import { parseInput } from '../../validation';
import { recordAudit } from '../audit/internal/record-audit';
import { promotionCtx, type PromotionCtx } from './internal/ctx';

// POST /api/promotions/resume — admin only: lifts the hold a roll-back put on a service's
// auto-promotion. The DELETE is the claim: of two clicks one lifts it (audited ok), the other joins.
export async function resumePromotions(input: unknown, ctx: PromotionCtx = promotionCtx()): Promise<{ service: string; resumed: boolean }> {
  const actor = await requirePermission('promotion:approve', ctx);
  const { service } = parseInput(ResumeInputSchema, input);
  const db = await ctx.db();
  const r = await db.promotionHold.deleteMany({ where: { service } });
  if (r.count === 1) {
    await recordAudit(db, { actor: actor.subject, actorName: actor.name, role: actor.role, action: 'promotion.resume', target: service, outcome: 'ok', details: { service }, ip: await ctx.ip() });
    bus.publish('promotions', { resumed: service }, 'admin', { everyReplica: true });
  }
  return { service, resumed: r.count === 1 };
}

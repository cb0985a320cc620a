import 'server-only';
import { RemoveWindowSchema } from '@/lib/promotions/windows';
import { requirePermission } from '../../auth/guard';
import { parseInput } from '../../validation';
import { recordAudit } from '../audit/internal/record-audit';
import { promotionCtx, type PromotionCtx } from './internal/ctx';

// DELETE /api/promotions/windows/:id — removes a window or lifts a freeze (admin). Removing one
// already removed (a double click) is not an error.
export async function removeWindow(input: unknown, ctx: PromotionCtx = promotionCtx()): Promise<{ removed: boolean }> {
  const actor = await requirePermission('promotion:approve', ctx);
  const { id } = parseInput(RemoveWindowSchema, input);
  const db = await ctx.db();
  const row = await db.promotionWindow.findUnique({ where: { id } });
  const { count } = await db.promotionWindow.deleteMany({ where: { id } });
  await recordAudit(db, { actor: actor.subject, actorName: actor.name, role: actor.role, action: 'promotion.window.remove', target: 'promotion-windows', outcome: 'ok', details: { id, removed: count === 1, kind: row?.kind, reason: row?.reason }, ip: await ctx.ip() });
  return { removed: count === 1 };
}

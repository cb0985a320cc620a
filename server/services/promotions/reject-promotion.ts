import 'server-only';
import { msg } from '@/lib/i18n/message';
import type { PromotionState } from '@/lib/promotions/state';
import { RejectInputSchema, type PromotionDto } from '@/lib/promotions/types';
import { requirePermission } from '../../auth/guard';
import { closePullRequest } from '../../clients/github';
import { ConflictError, NotFoundError } from '../../errors';
import { log } from '../../log';
import { parseInput } from '../../validation';
import { recordAudit } from '../audit/internal/record-audit';
import { promotionCtx, type PromotionCtx } from './internal/ctx';
import { toDto, transition, withDetails } from './internal/store';

// A proposed promotion (or an open pull request) is turned down, with a reason kept on the record.
export async function rejectPromotion(input: unknown, ctx: PromotionCtx = promotionCtx()): Promise<PromotionDto> {
  const actor = await requirePermission('promotion:approve', ctx);
  const { id, reason } = parseInput(RejectInputSchema, input);
  const db = await ctx.db();
  const p = await db.promotion.findUnique({ where: { id } });
  if (!p) throw new NotFoundError(msg('srv.promo.notFound'));
  const won = await transition(db, id, 'rejected', { actor: actor.subject, message: msg('tl.rejected', { name: actor.name, reason }) }, { rejectReason: reason });
  if (!won) {
    await recordAudit(db, { actor: actor.subject, actorName: actor.name, role: actor.role, action: 'promotion.reject', target: p.services.join(','), outcome: 'failed', details: { id, state: p.state }, ip: await ctx.ip() });
    throw new ConflictError(msg('srv.promo.cantReject', { state: msg(`promo.s.${p.state as PromotionState}`) }), { state: p.state });
  }
  if (p.prNumber) await closePullRequest(ctx.github(), p.prNumber).catch((e) => log.warn({ promotion: id, err: (e as Error).message }, 'could not close the pull request'));
  await recordAudit(db, { actor: actor.subject, actorName: actor.name, role: actor.role, action: 'promotion.reject', target: p.services.join(','), outcome: 'ok', details: { id, reason }, ip: await ctx.ip() });
  return toDto(await db.promotion.findUniqueOrThrow({ where: { id }, include: withDetails }));
}

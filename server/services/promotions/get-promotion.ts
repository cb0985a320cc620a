import 'server-only';
import { msg } from '@/lib/i18n/message';
import { IdInputSchema, type PromotionDto } from '@/lib/promotions/types';
import { requirePermission } from '../../auth/guard';
import { requestCtx, type Ctx } from '../../context';
import { NotFoundError } from '../../errors';
import { parseInput } from '../../validation';
import { toDto, withDetails } from './internal/store';

// One promotion with its timeline.
export async function getPromotion(input: unknown, ctx: Ctx = requestCtx()): Promise<PromotionDto> {
  await requirePermission('promotion:read', ctx);
  const { id } = parseInput(IdInputSchema, input);
  const p = await (await ctx.db()).promotion.findUnique({ where: { id }, include: withDetails });
  if (!p) throw new NotFoundError(msg('srv.promo.notFound'));
  return toDto(p);
}

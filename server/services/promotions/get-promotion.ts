import 'server-only';
import { IdInputSchema, ListInputSchema, type PromotionDto, type PromotionPage } from '@/lib/promotions/types';
import { requirePermission } from '../../auth/guard';
import { requestCtx, type Ctx } from '../../context';
import { NotFoundError } from '../../errors';
import { parseInput } from '../../validation';
import { toDto, withDetails } from './store';

// One promotion with its timeline.
export async function getPromotion(input: unknown, ctx: Ctx = requestCtx()): Promise<PromotionDto> {
  await requirePermission('promotion:read', ctx);
  const { id } = parseInput(IdInputSchema, input);
  const p = await (await ctx.db()).promotion.findUnique({ where: { id }, include: withDetails });
  if (!p) throw new NotFoundError('No such promotion.');
  return toDto(p);
}

// History, newest first, filtered by state and service; paged by creation time.
export async function listPromotions(input: unknown, ctx: Ctx = requestCtx()): Promise<PromotionPage> {
  await requirePermission('promotion:read', ctx);
  const q = parseInput(ListInputSchema, input);
  const rows = await (await ctx.db()).promotion.findMany({
    where: {
      ...(q.state ? { state: q.state } : {}),
      ...(q.service ? { services: { has: q.service } } : {}),
      ...(q.cursor ? { createdAt: { lt: new Date(q.cursor) } } : {}),
    },
    include: { rollbacks: { select: { id: true } } },
    orderBy: { createdAt: 'desc' },
    take: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  return { promotions: page.map(toDto), nextCursor: rows.length > q.limit ? page[page.length - 1].createdAt.toISOString() : null };
}

/** Proposed promotions and candidates waiting for the admin (the home page badge). */
export async function countPending(ctx: Ctx = requestCtx()): Promise<number> {
  await requirePermission('promotion:read', ctx);
  return (await ctx.db()).promotion.count({ where: { state: { in: ['proposed', 'pr_open', 'degraded'] } } });
}

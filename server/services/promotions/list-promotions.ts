import 'server-only';
import { ListInputSchema, type PromotionPage } from '@/lib/promotions/types';
import { requirePermission } from '../../auth/guard';
import { requestCtx, type Ctx } from '../../context';
import { parseInput } from '../../validation';
import { toDto } from './internal/store';

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

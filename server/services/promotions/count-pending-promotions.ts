import 'server-only';
import { requirePermission } from '../../auth/guard';
import { requestCtx, type Ctx } from '../../context';

/** Proposed promotions and candidates waiting for the admin (the home page badge). */
export async function countPending(ctx: Ctx = requestCtx()): Promise<number> {
  await requirePermission('promotion:read', ctx);
  return (await ctx.db()).promotion.count({ where: { state: { in: ['proposed', 'pr_open', 'degraded'] } } });
}

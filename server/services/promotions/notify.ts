import 'server-only';
import type { PromotionState } from '@/lib/promotions/state';
import { config } from '../../env';
import { log } from '../../log';
import { sendNotification } from '../../notify/send';
import type { PromotionCtx } from './ctx';

const WORTH_TELLING: Partial<Record<PromotionState, string>> = {
  committed: 'committed',
  live: 'is live on PROD',
  degraded: 'left PROD degraded — roll back?',
  conflict: 'hit a conflict and needs a new review',
  failed: 'failed',
};

// Tells the admin about a promotion's state. Never throws: a notification failure is logged only.
export async function notifyPromotion(ctx: PromotionCtx, id: string, state: PromotionState): Promise<void> {
  const what = WORTH_TELLING[state];
  const targets = ctx.settings().notify;
  if (!what || (!targets.ntfy && !targets.telegram)) return;
  try {
    const p = await (await ctx.db()).promotion.findUnique({ where: { id }, select: { title: true } });
    const link = `${config().server.publicUrl}/promotions/${id}`;
    await sendNotification(targets, { title: `Promotion ${what}`, message: p?.title ?? id, link, priority: state === 'degraded' || state === 'failed' ? 'high' : 'default' });
  } catch (e) {
    log.warn({ promotion: id, err: (e as Error).message }, 'promotion notification failed');
  }
}

import 'server-only';
import type { PromotionState } from '@/lib/promotions/state';
import { config } from '../../../env';
import { log } from '../../../log';
import { sendNotification } from '../../../notify/send';
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
  if (!what) return;
  const p = await (await ctx.db()).promotion.findUnique({ where: { id }, select: { title: true } }).catch(() => null);
  await notifyText(ctx, id, `Promotion ${what}`, p?.title ?? id, state === 'degraded' || state === 'failed' ? 'high' : 'default');
}

/** A notice about one promotion, with the link to its page. Never throws. */
export async function notifyText(ctx: PromotionCtx, id: string, title: string, message: string, priority: 'default' | 'high' = 'default'): Promise<void> {
  const targets = ctx.settings().notify;
  if (!targets.ntfy && !targets.telegram) return;
  try {
    await sendNotification(targets, { title, message, link: `${config().server.publicUrl}/promotions/${id}`, priority });
  } catch (e) {
    log.warn({ promotion: id, err: (e as Error).message }, 'promotion notification failed');
  }
}

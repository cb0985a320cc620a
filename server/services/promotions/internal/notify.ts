import 'server-only';
import { msg, type Message } from '@/lib/i18n/message';
import type { PromotionState } from '@/lib/promotions/state';
import { log } from '../../../log';
import { enqueueNotice } from '../../../notify/outbox';
import type { PromotionCtx } from './ctx';

const WORTH_TELLING: Partial<Record<PromotionState, Message>> = {
  committed: msg('nt.state.committed'),
  live: msg('nt.state.live'),
  degraded: msg('nt.state.degraded'),
  conflict: msg('nt.state.conflict'),
  failed: msg('nt.state.failed'),
};

// Tells the admin about a promotion's state, once per promotion and state (the outbox's key).
// Never throws: a notification failure is logged only.
export async function notifyPromotion(ctx: PromotionCtx, id: string, state: PromotionState): Promise<void> {
  const what = WORTH_TELLING[state];
  if (!what) return;
  const p = await (await ctx.db()).promotion.findUnique({ where: { id }, select: { title: true } }).catch(() => null);
  await notifyText(ctx, id, msg('nt.promotionState.title', { state: what }), p?.title ?? id, state === 'degraded' || state === 'failed' ? 'high' : 'default', `promotion.state:${id}:${state}`);
}

/** A notice to the admin about one promotion, with the link to its page, through the outbox. Never throws. */
export async function notifyText(ctx: PromotionCtx, id: string, title: string | Message, message: string, priority: 'default' | 'high' = 'default', key?: string): Promise<void> {
  const s = ctx.notifySettings?.();
  if (!s) return;
  try {
    await enqueueNotice(await ctx.db(), s, { event: 'promotion.state', to: null, title, body: message, path: `/promotions/${id}`, priority, key }, ctx.now());
  } catch (e) {
    log.warn({ promotion: id, err: (e as Error).message }, 'promotion notification not queued');
  }
}

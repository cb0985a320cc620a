import 'server-only';
import { msg } from '@/lib/i18n/message';
import type { Db } from '../../../db';
import { enqueueNotice } from '../../../notify/outbox';
import type { NotifySettings } from '../../../notify/settings';
import type { PromotionCtx } from './ctx';
import { computeCandidates } from '../list-candidates';

/** One candidate's identity: its service and the exact version changes (not the head: an unrelated commit does not make it new). */
export function readyKey(service: string, changes: unknown): string {
  return `promotion.ready:${service}:${JSON.stringify(changes)}`;
}

/**
 * Tells the admin about every candidate whose soak has passed, once per candidate: the outbox's
 * unique (key, channel, target) makes a second tick, a second leader or a restart add nothing.
 * The link opens the promotions page on that candidate (its diff, gates and Approve).
 */
export async function announceReady(ctx: PromotionCtx, s: NotifySettings): Promise<number> {
  const { candidates } = await computeCandidates(ctx);
  const db: Db = await ctx.db();
  let queued = 0;
  for (const c of candidates.filter((x) => x.ready && !x.open && !x.hold)) {
    queued += await enqueueNotice(
      db,
      s,
      {
        event: 'promotion.ready',
        to: null,
        title: msg('nt.promotionReady.title', { service: c.service }),
        body: msg('nt.promotionReady.body', { summary: c.summary }),
        path: `/promotions?candidate=${encodeURIComponent(c.service)}`,
        key: readyKey(c.service, c.changes),
      },
      ctx.now(),
    );
  }
  return queued;
}

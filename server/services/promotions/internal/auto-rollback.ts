import 'server-only';
import { autoRollbackFor } from '@/lib/promotions/config';
import type { Actor } from '../../../context';
import type { Promotion } from '../../../generated/prisma/client';
import { log } from '../../../log';
import { recordAudit } from '../../audit/internal/record-audit';
import type { PromotionCtx } from './ctx';
import { mergeAs } from '../merge-promotion';
import { notifyText } from './notify';
import { rollBackAs } from '../roll-back';

/** The panel rolling back under `promotion.autoRollback` (audited under this name). */
export const ROLLBACK_POLICY_ACTOR: Actor = { subject: 'policy:auto-rollback', name: 'Panel (auto-rollback policy)', email: null, role: 'admin' };

// Promotions this process already tried to roll back and could not (PROD changed since): tried
// once and audited, then left to Paul, instead of failing every 2 s.
const gaveUp = new Set<string>();

/**
 * Called by the tracker on a degraded promotion: when every one of its services opted in and it has
 * been Degraded for `afterMinutes`, commits the roll-back (exactly once: rollBackAs's claim), which
 * also holds auto-promotion of those services. In pull-request mode the policy merges its own PR.
 */
export async function maybeAutoRollBack(ctx: PromotionCtx, p: Pick<Promotion, 'id' | 'kind' | 'services' | 'title' | 'degradedSince'>): Promise<void> {
  if (p.kind !== 'promote' || !p.degradedSince || gaveUp.has(p.id)) return;
  const policies = p.services.map((s) => autoRollbackFor(ctx.settings(), s));
  if (!policies.every((x) => x.enabled)) return;
  const wait = Math.max(...policies.map((x) => x.afterMinutes)) * 60_000;
  if (ctx.now().getTime() - p.degradedSince.getTime() < wait) return;
  const db = await ctx.db();
  if ((await db.promotion.count({ where: { rollbackOfId: p.id, state: { notIn: ['conflict', 'failed', 'rejected'] } } })) > 0) return;
  try {
    let r = await rollBackAs(ctx, ROLLBACK_POLICY_ACTOR, p.id);
    if (r.state === 'pr_open') r = await mergeAs(ctx, ROLLBACK_POLICY_ACTOR, r.id);
    log.info({ promotion: p.id, rollback: r.id, state: r.state }, 'promotion rolled back by the policy');
    await notifyText(ctx, r.id, `Rolled back automatically: ${p.services.join(', ')}`, `${p.title} left PROD degraded; the panel rolled it back and holds auto-promotion until you press Resume.`, 'high');
  } catch (e) {
    gaveUp.add(p.id);
    const error = (e as Error).message;
    log.warn({ promotion: p.id, err: error }, 'automatic roll-back refused');
    const a = ROLLBACK_POLICY_ACTOR;
    await recordAudit(db, { actor: a.subject, actorName: a.name, role: a.role, action: 'promotion.rollback', target: p.services.join(','), outcome: 'failed', details: { id: p.id, error } });
    await notifyText(ctx, p.id, `Automatic roll-back refused: ${p.services.join(', ')}`, error, 'high');
  }
}

import 'server-only';
import { msg } from '@/lib/i18n/message';
import type { PromotionState } from '@/lib/promotions/state';
import { ApproveInputSchema, type PromotionDto } from '@/lib/promotions/types';
import { requirePermission } from '../../auth/guard';
import type { Actor } from '../../context';
import { ConflictError, NotFoundError } from '../../errors';
import { currentRequestId } from '../../log';
import { parseInput } from '../../validation';
import { recordAudit } from '../audit/internal/record-audit';
import { promotionCtx, type PromotionCtx } from './internal/ctx';
import { executePromotion } from './internal/execute';
import { toDto, transition, withDetails, type StoredFile } from './internal/store';
import { assertWindowOpen } from './internal/windows';

const SETTLED_BADLY = new Set(['rejected', 'conflict', 'failed']);

/**
 * proposed → approved (one conditional UPDATE) → the commit. Concurrent approvals of the same
 * promotion (double click, two browsers, two replicas) all get the promotion back; one commits.
 */
export async function approveAs(ctx: PromotionCtx, actor: Actor, id: string, overrideGates: boolean, action = 'promotion.approve'): Promise<PromotionDto> {
  const db = await ctx.db();
  const p = await db.promotion.findUnique({ where: { id } });
  if (!p) throw new NotFoundError(msg('srv.promo.notFound'));
  if (SETTLED_BADLY.has(p.state)) throw new ConflictError(msg('srv.promo.settled', { state: msg(`promo.s.${p.state as PromotionState}`) }), { state: p.state });
  if (p.state === 'proposed') {
    // A freeze or a closed window: no PROD change, whatever the gates say ("approve anyway" included).
    try {
      await assertWindowOpen(ctx);
    } catch (e) {
      await recordAudit(db, { actor: actor.subject, actorName: actor.name, role: actor.role, action, target: p.services.join(','), outcome: 'denied', details: { id, reason: (e as Error).message }, ip: await ctx.ip() });
      throw e;
    }
  }
  const files = p.changes as unknown as (StoredFile & { ready?: boolean })[];
  const waiting = files.filter((f) => f.ready === false).map((f) => f.service);
  if (p.state === 'proposed' && waiting.length && !overrideGates) {
    throw new ConflictError(msg('srv.promo.gatesWaiting', { services: waiting.join(', ') }), { gates: 'waiting' });
  }
  const won = await transition(db, id, 'approved', { actor: actor.subject, message: msg(waiting.length ? 'tl.approvedOverride' : 'tl.approved', { name: actor.name }) }, {
    approvedBy: actor.subject,
    approvedByName: actor.name,
    approvedByEmail: actor.email,
    approvedAt: ctx.now(),
    requestId: currentRequestId() ?? null,
  });
  if (won) {
    const r = await executePromotion(ctx, id, actor);
    // `committing`: GitHub did not answer in time; the outcome is settled (and audited as
    // promotion.commit) in the background. The approval itself took effect.
    const ok = r?.state === 'committed' || r?.state === 'pr_open' || r?.state === 'committing';
    await recordAudit(db, {
      actor: actor.subject,
      actorName: actor.name,
      role: actor.role,
      action,
      target: p.services.join(','),
      outcome: ok ? 'ok' : 'failed',
      details: { id, state: r?.state, commitSha: r?.commitSha, error: r?.error, gatesOverridden: waiting.length > 0 },
      ip: await ctx.ip(),
    });
  } else {
    // Lost the race to a concurrent approval: the caller gets the promotion back, and a row says so.
    await recordAudit(db, { actor: actor.subject, actorName: actor.name, role: actor.role, action, target: p.services.join(','), outcome: 'denied', details: { id, reason: 'already approved by a concurrent request' }, ip: await ctx.ip() });
  }
  return toDto(await db.promotion.findUniqueOrThrow({ where: { id }, include: withDetails }));
}

// POST /api/promotions/:id/approve — admin only; others get 403 and an audit row (by the guard).
export async function approvePromotion(input: unknown, ctx: PromotionCtx = promotionCtx()): Promise<PromotionDto> {
  const actor = await requirePermission('promotion:approve', ctx);
  const { id, overrideGates } = parseInput(ApproveInputSchema, input);
  return approveAs(ctx, actor, id, overrideGates);
}

import 'server-only';
import { msg } from '@/lib/i18n/message';
import { IdInputSchema, type PromotionDto } from '@/lib/promotions/types';
import { requirePermission } from '../../auth/guard';
import { readFileAt } from '../../clients/github';
import { ConflictError, NotFoundError } from '../../errors';
import { parseInput } from '../../validation';
import { OverlayError, parseOverlay } from '@/lib/gitops/overlay';
import { compareOverlays } from '@/lib/gitops/candidates';
import type { Actor } from '../../context';
import { approveAs } from './approve-promotion';
import { auditRefusal, placeHolds } from './internal/holds';
import { promotionCtx, type PromotionCtx } from './internal/ctx';
import { buildFiles, createProposal, type ProposedItem } from './internal/propose';
import { filesOf, toDto, withDetails } from './internal/store';

/** What changed in PROD since the promotion wrote it; an unreadable file is a conflict with its reason. */
function driftOf(path: string, written: string, now: string) {
  try {
    return compareOverlays(parseOverlay(written), parseOverlay(now)).changes;
  } catch (e) {
    if (e instanceof OverlayError) throw new ConflictError(msg('srv.promo.rollbackUnreadable', { path, why: e.message }));
    throw e;
  }
}

const ROLLABLE = new Set(['committed', 'syncing', 'live', 'degraded']);
const ACTIVE_ROLLBACK = ['proposed', 'approved', 'committing', 'pr_open', 'merging', 'committed', 'syncing', 'live', 'degraded'] as const;

// Restores the versions PROD had before a promotion, as its own promotion (kind rollback, linked),
// committed the same way. Only when PROD still pins what the promotion wrote; anything else is a
// newer change a person must look at. Exactly once: the roll-back row is the claim (one active
// roll-back per promotion, a unique index), so a second click joins the first. It then holds the
// services' auto-promotion until an admin resumes it.
export async function rollBackAs(ctx: PromotionCtx, actor: Actor, id: string): Promise<PromotionDto> {
  const db = await ctx.db();
  const p = await db.promotion.findUnique({ where: { id } });
  if (!p) throw new NotFoundError(msg('srv.promo.notFound'));
  if (!ROLLABLE.has(p.state) || !p.commitSha) throw new ConflictError(msg('srv.promo.onlyCommitted'), { state: p.state });
  const existing = await db.promotion.findFirst({ where: { rollbackOfId: id, state: { in: [...ACTIVE_ROLLBACK] } }, include: withDetails });
  if (existing) return existing.state === 'proposed' ? approveAs(ctx, actor, existing.id, true, 'promotion.rollback') : toDto(existing);
  const gh = ctx.github();
  const items: ProposedItem[] = [];
  for (const f of filesOf(p)) {
    const now = await readFileAt(gh, f.path);
    if (!now) throw new ConflictError(msg('srv.promo.gone', { path: f.path }));
    // PROD must still pin what the promotion wrote: compare its pins with the promoted file's.
    const drift = driftOf(f.path, f.after, now.content);
    if (drift.length) throw new ConflictError(msg('srv.promo.drift', { path: f.path }));
    const changes = f.changes.map((c) => ({ ...c, from: c.to, to: c.from }));
    const edits = changes.map((c) => ({ kind: c.kind, name: c.name, field: c.field, to: c.to }) as ProposedItem['edits'][number]);
    items.push({ service: f.service, rel: f.rel, devPath: f.devPath, prodPath: f.path, prodText: now.content, prodSha: now.sha, changes, edits, ready: true });
  }
  const rid = await createProposal(db, { files: buildFiles(items), baseSha: p.commitSha, devSha: p.commitSha, proposedBy: actor, kind: 'rollback', rollbackOfId: id });
  await placeHolds(db, p.services, id, actor, `rolled back by ${actor.name}`);
  return approveAs(ctx, actor, rid, true, 'promotion.rollback');
}

// POST /api/promotions/:id/rollback — admin only.
export async function rollBack(input: unknown, ctx: PromotionCtx = promotionCtx()): Promise<PromotionDto> {
  const actor = await requirePermission('promotion:approve', ctx);
  const { id } = parseInput(IdInputSchema, input);
  return auditRefusal(await ctx.db(), actor, 'promotion.rollback', id, await ctx.ip(), () => rollBackAs(ctx, actor, id));
}

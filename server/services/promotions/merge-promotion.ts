import 'server-only';
import { msg, type Message } from '@/lib/i18n/message';
import { IdInputSchema, type PromotionDto } from '@/lib/promotions/types';
import { requirePermission } from '../../auth/guard';
import { getPullRequest, mergePullRequest } from '../../clients/github';
import type { Actor } from '../../context';
import { ConflictError, NotFoundError } from '../../errors';
import type { Promotion } from '../../generated/prisma/client';
import { currentRequestId } from '../../log';
import { parseInput } from '../../validation';
import { recordAudit } from '../audit/internal/record-audit';
import { promotionCtx, type PromotionCtx } from './internal/ctx';
import { auditRefusal } from './internal/holds';
import { notifyPromotion } from './internal/notify';
import { toDto, transition, withDetails } from './internal/store';

const JOIN_WAIT_MS = 30_000;

/** A second click waits for the first one's merge to settle and answers with the same promotion. */
async function joinMerge(ctx: PromotionCtx, id: string): Promise<PromotionDto> {
  const db = await ctx.db();
  const until = Date.now() + JOIN_WAIT_MS;
  for (;;) {
    const p = await db.promotion.findUniqueOrThrow({ where: { id }, include: withDetails });
    if (p.state !== 'merging' || Date.now() > until) return toDto(p);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The merge commit carries the provenance trailers too, plus who merged it from which request. */
function mergeMessage(p: Promotion, actor: Actor): string {
  const req = currentRequestId();
  const trailers = [
    `Requested-By: ${p.proposedBy === 'policy' ? 'Panel (policy)' : p.proposedBy}`,
    ...(p.approvedByName ? [`Approved-By: ${p.approvedByName} <${p.approvedByEmail ?? 'unknown@invalid'}>`] : []),
    `Merged-By: ${actor.name} <${actor.email ?? 'unknown@invalid'}>`,
    `Promotion-Id: ${p.id}`,
    ...(req ? [`Request-Id: ${req}`] : []),
  ];
  return `${p.title}\n\n${trailers.join('\n')}\n`;
}

/**
 * Pull-request mode: merges the PR once. `pr_open → merging` is the claim (one conditional UPDATE)
 * made before GitHub is called; a concurrent click loses it and joins. GitHub refusing because the
 * PR was merged on GitHub meanwhile counts as merged; any other refusal is a conflict.
 */
export async function mergeAs(ctx: PromotionCtx, actor: Actor, id: string): Promise<PromotionDto> {
  const db = await ctx.db();
  const p = await db.promotion.findUnique({ where: { id } });
  if (!p) throw new NotFoundError(msg('srv.promo.notFound'));
  if (p.state === 'merging') return joinMerge(ctx, id);
  if (p.state !== 'pr_open' || !p.prNumber) throw new ConflictError(msg('srv.promo.noPr'), { state: p.state });
  if (!(await transition(db, id, 'merging', { actor: actor.subject, message: msg('tl.merging', { n: p.prNumber }) }))) return joinMerge(ctx, id);
  const gh = ctx.github();
  const audit = { actor: actor.subject, actorName: actor.name, role: actor.role, action: 'promotion.merge', target: p.services.join(','), ip: await ctx.ip() };
  const merged = async (sha: string, message: Message) => {
    await transition(db, id, 'committed', { actor: actor.subject, message }, { commitSha: sha, commitUrl: `${gh.webUrl}/commit/${sha}` });
    await recordAudit(db, { ...audit, outcome: 'ok', details: { id, commitSha: sha } });
    void notifyPromotion(ctx, id, 'committed');
  };
  try {
    const r = await mergePullRequest(gh, p.prNumber, { title: `Merge pull request #${p.prNumber}: ${p.title}`, message: mergeMessage(p, actor) });
    if (r.kind === 'merged') await merged(r.sha, msg('tl.merged', { n: p.prNumber, sha: r.sha.slice(0, 7) }));
    else {
      const now = r.status === 405 ? await getPullRequest(gh, p.prNumber).catch(() => null) : null;
      if (now?.merged && now.mergeSha) await merged(now.mergeSha, msg('tl.mergedOnGithub', { n: p.prNumber }));
      else {
        await transition(db, id, 'conflict', { actor: actor.subject, message: msg('tl.mergeRefused', { n: p.prNumber }) }, { error: r.message });
        await recordAudit(db, { ...audit, outcome: 'failed', details: { id, error: r.message } });
        void notifyPromotion(ctx, id, 'conflict');
      }
    }
  } catch (e) {
    // No answer: the tracker looks at the PR after a while (merged → committed, else pr_open again).
    await recordAudit(db, { ...audit, outcome: 'failed', details: { id, error: (e as Error).message } });
    throw e;
  }
  return toDto(await db.promotion.findUniqueOrThrow({ where: { id }, include: withDetails }));
}

// POST /api/promotions/:id/merge — admin only; a merge on GitHub itself is followed by the tracker.
export async function mergePromotion(input: unknown, ctx: PromotionCtx = promotionCtx()): Promise<PromotionDto> {
  const actor = await requirePermission('promotion:approve', ctx);
  const { id } = parseInput(IdInputSchema, input);
  return auditRefusal(await ctx.db(), actor, 'promotion.merge', id, await ctx.ip(), () => mergeAs(ctx, actor, id));
}

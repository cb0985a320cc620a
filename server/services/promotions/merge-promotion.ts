import 'server-only';
import { IdInputSchema, type PromotionDto } from '@/lib/promotions/types';
import { requirePermission } from '../../auth/guard';
import { mergePullRequest } from '../../clients/github';
import { ConflictError, NotFoundError } from '../../errors';
import { parseInput } from '../../validation';
import { recordAudit } from '../audit/record-audit';
import { promotionCtx, type PromotionCtx } from './ctx';
import { toDto, transition, withDetails } from './store';

// Pull-request mode: the admin merges the PR from the panel (a merge on GitHub is followed by the
// tracking job instead). GitHub refusing the merge makes the promotion a conflict.
export async function mergePromotion(input: unknown, ctx: PromotionCtx = promotionCtx()): Promise<PromotionDto> {
  const actor = await requirePermission('promotion:approve', ctx);
  const { id } = parseInput(IdInputSchema, input);
  const db = await ctx.db();
  const p = await db.promotion.findUnique({ where: { id } });
  if (!p) throw new NotFoundError('No such promotion.');
  if (p.state !== 'pr_open' || !p.prNumber) throw new ConflictError('This promotion has no open pull request.', { state: p.state });
  const r = await mergePullRequest(ctx.github(), p.prNumber);
  const audit = { actor: actor.subject, actorName: actor.name, role: actor.role, action: 'promotion.merge', target: p.services.join(','), ip: await ctx.ip() };
  if (r.kind === 'conflict') {
    await transition(db, id, 'conflict', { actor: actor.subject, message: `GitHub could not merge #${p.prNumber}` }, { error: r.message });
    await recordAudit(db, { ...audit, outcome: 'failed', details: { id, error: r.message } });
  } else {
    await transition(db, id, 'committed', { actor: actor.subject, message: `Merged #${p.prNumber} as ${r.sha.slice(0, 7)}` }, { commitSha: r.sha, commitUrl: `${ctx.github().webUrl}/commit/${r.sha}` });
    await recordAudit(db, { ...audit, outcome: 'ok', details: { id, commitSha: r.sha } });
  }
  return toDto(await db.promotion.findUniqueOrThrow({ where: { id }, include: withDetails }));
}

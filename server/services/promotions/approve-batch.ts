import 'server-only';
import { msg } from '@/lib/i18n/message';
import type { PromotionDto } from '@/lib/promotions/types';
import { z } from 'zod';
import { requirePermission } from '../../auth/guard';
import type { Actor } from '../../context';
import { ConflictError } from '../../errors';
import { parseInput } from '../../validation';
import { approveAs } from './approve-promotion';
import { promotionCtx, type PromotionCtx } from './internal/ctx';
import { computeCandidates } from './list-candidates';
import { buildFiles, createProposal, type ProposedItem } from './internal/propose';

const BatchSchema = z.object({}).strict();

/** Every candidate whose gates pass and that nothing else is promoting, as one proposal. */
export async function proposeReady(ctx: PromotionCtx, by: Actor | 'policy', only?: (service: string) => boolean): Promise<string | null> {
  const cfg = ctx.settings();
  const { state, candidates } = await computeCandidates(ctx);
  const items: ProposedItem[] = candidates
    .filter((c) => c.ready && !c.open && (!only || only(c.service)))
    .map((c) => {
      const d = state.deltas.find((x) => x.service === c.service)!;
      const prod = state.prod.files.find((f) => f.rel === d.rel)!;
      return { service: c.service, rel: d.rel, devPath: `${cfg.from}/${d.rel}`, prodPath: `${cfg.to}/${d.rel}`, prodText: prod.text, prodSha: prod.sha, changes: d.changes, edits: d.edits, ready: true };
    });
  if (items.length === 0) return null;
  return createProposal(await ctx.db(), { files: buildFiles(items), baseSha: state.head, devSha: state.head, proposedBy: by });
}

// POST /api/promotions/batch — one commit promoting every ready candidate.
export async function approveBatch(input: unknown, ctx: PromotionCtx = promotionCtx()): Promise<PromotionDto> {
  const actor = await requirePermission('promotion:approve', ctx);
  parseInput(BatchSchema, input ?? {});
  const id = await proposeReady(ctx, actor);
  if (!id) throw new ConflictError(msg('srv.promo.noneReady'));
  return approveAs(ctx, actor, id, false, 'promotion.batch');
}

import 'server-only';
import { msg } from '@/lib/i18n/message';
import { PreviewInputSchema, type PromotionDto } from '@/lib/promotions/types';
import { requirePermission } from '../../auth/guard';
import { NotFoundError, ValidationError } from '../../errors';
import { parseInput } from '../../validation';
import { recordAudit } from '../audit/internal/record-audit';
import { promotionCtx, type PromotionCtx } from './internal/ctx';
import { computeCandidates } from './list-candidates';
import { buildFiles, createProposal, type ProposedItem } from './internal/propose';
import { toDto, withDetails } from './internal/store';

// Freezes the change for one or more services as a `proposed` promotion: the exact diff that
// approving it will commit (one commit, even for several services).
export async function previewPromotion(input: unknown, ctx: PromotionCtx = promotionCtx()): Promise<PromotionDto> {
  const actor = await requirePermission('promotion:approve', ctx);
  const { services } = parseInput(PreviewInputSchema, input);
  const cfg = ctx.settings();
  const { state, candidates } = await computeCandidates(ctx);
  const items: ProposedItem[] = services.map((service) => {
    const c = candidates.find((x) => x.service === service);
    if (!c) throw new NotFoundError(msg('srv.promo.same', { service }));
    if (c.unreadable) throw new ValidationError(msg('srv.promo.unreadable', { service, reason: c.unreadable }));
    if (c.changes.length === 0) throw new ValidationError(msg('srv.promo.nothing', { service, why: c.notes[0] ?? '' }));
    const d = state.deltas.find((x) => x.service === service)!;
    const prod = state.prod.files.find((f) => f.rel === d.rel)!;
    return { service, rel: d.rel, devPath: `${cfg.from}/${d.rel}`, prodPath: `${cfg.to}/${d.rel}`, prodText: prod.text, prodSha: prod.sha, changes: d.changes, edits: d.edits, ready: c.ready };
  });
  const db = await ctx.db();
  const id = await createProposal(db, { files: buildFiles(items), baseSha: state.head, devSha: state.head, proposedBy: actor });
  await recordAudit(db, { actor: actor.subject, actorName: actor.name, role: actor.role, action: 'promotion.propose', target: services.join(','), outcome: 'ok', details: { id }, ip: await ctx.ip() });
  return toDto((await db.promotion.findUniqueOrThrow({ where: { id }, include: withDetails })));
}

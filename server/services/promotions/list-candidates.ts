import 'server-only';
import { describeChanges, renderChange } from '@/lib/gitops/candidates';
import { gatesPassed } from '@/lib/promotions/gates';
import type { CandidateDto, CandidatesDto, HoldDto } from '@/lib/promotions/types';
import { requirePermission } from '../../auth/guard';
import { promotionCtx, type PromotionCtx } from './internal/ctx';
import { heldServices, type Hold } from './internal/holds';
import { readRepoState, type RepoState } from './internal/repo-state';
import { soakGateFor } from './internal/soak';
import { windowGateFor } from './internal/windows';

const OPEN_STATES = ['proposed', 'approved', 'committing', 'pr_open', 'merging', 'committed', 'syncing', 'degraded'] as const;

/** Candidates without the permission check: shared with preview, batch and the auto-promotion job. */
export async function computeCandidates(ctx: PromotionCtx, state?: RepoState): Promise<{ state: RepoState; candidates: CandidateDto[]; holds: HoldDto[] }> {
  const cfg = ctx.settings();
  const gh = ctx.github();
  const s = state ?? (await readRepoState(gh, cfg));
  const db = await ctx.db();
  // A promotion whose roll back was committed no longer blocks its service from a new promotion.
  const open = await db.promotion.findMany({
    where: { state: { in: [...OPEN_STATES] }, kind: 'promote', rollbacks: { none: { state: { in: ['committed', 'syncing', 'live', 'degraded'] } } } }, select: { id: true, state: true, services: true },
    orderBy: { createdAt: 'desc' },
  });
  const holds = await heldServices(db);
  // Shown with every candidate (the pre-flight); `ready` stays the soak's: a freeze is checked when the change would land.
  const window = await windowGateFor(ctx);
  const candidates = await Promise.all(
    s.deltas.map(async (d): Promise<CandidateDto> => {
      const devPath = `${cfg.from}/${d.rel}`;
      const prodPath = `${cfg.to}/${d.rel}`;
      const prod = s.prod.files.find((f) => f.rel === d.rel)!;
      const gates = d.changes.length ? [await soakGateFor(ctx, cfg, d.service, devPath, s.head)] : [];
      const ready = d.changes.length > 0 && gatesPassed(gates);
      if (d.changes.length) gates.push(window);
      const o = open.find((p) => p.services.includes(d.service));
      return {
        service: d.service,
        devPath,
        prodPath,
        changes: d.changes,
        summary: d.changes.length ? describeChanges(d.changes).text : d.unreadable ? 'overlay unreadable' : 'nothing to promote automatically',
        notes: d.notes,
        gates,
        ready,
        diff: d.changes.length ? renderChange(prodPath, prod.text, d).diff : '',
        unreadable: d.unreadable ?? null,
        open: o ? { id: o.id, state: o.state } : null,
        hold: holdDto(d.service, holds.get(d.service)),
      };
    }),
  );
  return { state: s, candidates, holds: [...holds].map(([service, h]) => holdDto(service, h)!) };
}

function holdDto(service: string, h: Hold | undefined): HoldDto | null {
  return h ? { service, heldAt: h.heldAt.toISOString(), heldBy: h.heldBy, reason: h.reason, promotionId: h.promotionId } : null;
}

// What DEV runs and PROD does not, per service, with the soak gate and the exact diff.
export async function listCandidates(ctx: PromotionCtx = promotionCtx()): Promise<CandidatesDto> {
  await requirePermission('promotion:read', ctx);
  const { state, candidates, holds } = await computeCandidates(ctx);
  return { branch: ctx.github().branch, head: state.head, mode: ctx.settings().mode, candidates, holds, checkedAt: ctx.now().toISOString() };
}

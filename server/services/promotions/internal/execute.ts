import 'server-only';
import { msg, plainText } from '@/lib/i18n/message';
import { commitMessage } from '@/lib/gitops/candidates';
import type { PromotionState } from '@/lib/promotions/state';
import { commitFiles, findCommitWith, openPullRequest } from '../../../clients/github/index';
import type { Actor } from '../../../context';
import { isTimeout } from '../../../clients/upstream';
import { log } from '../../../log';
import { recordAudit } from '../../audit/internal/record-audit';
import type { PromotionCtx } from './ctx';
import { notifyPromotion } from './notify';
import { filesOf, transition } from './store';

// Writes an approved promotion to GitHub. Only the caller that moved it approved → committing runs
// the commit; every outcome is a state (committed, pr_open, conflict, failed), never an exception.

export interface ExecuteResult {
  state: PromotionState;
  commitSha?: string;
  error?: string;
}

export async function executePromotion(ctx: PromotionCtx, id: string, approver: Pick<Actor, 'subject' | 'name' | 'email' | 'role'>): Promise<ExecuteResult | null> {
  const db = await ctx.db();
  if (!(await transition(db, id, 'committing', { actor: approver.subject }))) return null;
  const p = await db.promotion.findUniqueOrThrow({ where: { id }, include: { rollbackOf: { select: { commitSha: true, baseSha: true } } } });
  const files = filesOf(p);
  const byService = [...new Set(files.map((f) => f.service))].map((service) => ({ service, changes: files.filter((f) => f.service === service).flatMap((f) => f.changes) }));
  const message = commitMessage({
    services: byService,
    devSha: p.devSha,
    approver: { name: approver.name, email: approver.email },
    promotionId: id,
    rollsBack: p.rollbackOf?.commitSha ?? undefined,
    restoredFrom: p.rollbackOf?.baseSha,
    requestedBy: p.proposedBy === 'policy' ? 'Panel (policy)' : p.proposedBy,
    requestId: p.requestId ?? undefined,
  });
  const writes = files.map((f) => ({ path: f.path, content: f.after, expectedSha: f.expectedSha }));
  const gh = ctx.github();
  const actor = approver.subject;
  let result: ExecuteResult;
  try {
    if (ctx.settings().mode === 'pull-request') {
      const r = await openPullRequest(gh, { branchName: `promote/${id.slice(0, 8)}`, title: p.title, body: message, message, files: writes });
      if (r.kind === 'pr') {
        await transition(db, id, 'pr_open', { actor, message: msg('tl.prOpened', { n: r.pr.number }) }, { prNumber: r.pr.number, prUrl: r.pr.url, prBranch: r.pr.branch });
        return { state: 'pr_open' };
      }
      result = await settle(ctx, id, actor, r);
    } else {
      result = await settle(ctx, id, actor, await commitFiles(gh, { message, files: writes }));
    }
  } catch (e) {
    if (isTimeout(e)) {
      // No answer within the bound: the commit may still land. The request is answered now (its
      // wait on GitHub stays within one bound) and the Promotion-Id trailer is looked up in the
      // background, which settles the promotion; the page follows it live.
      const error = 'GitHub did not answer in time; the panel is checking whether the commit landed.';
      log.warn({ promotion: id, err: (e as Error).message }, 'promotion commit timed out; settling it in the background');
      void settleAfterTimeout(ctx, id, approver);
      return { state: 'committing', error };
    }
    // Any other error: the request may still have landed before it failed; the Promotion-Id trailer tells.
    const found = await findCommitWith(gh, `Promotion-Id: ${id}`, { since: await createdAt(ctx, id) }).catch(() => null);
    if (found) result = await settle(ctx, id, actor, { kind: 'committed', ...found });
    else {
      const error = (e as Error).message;
      log.warn({ promotion: id, err: error }, 'promotion commit failed');
      await transition(db, id, 'failed', { actor, message: msg('tl.refused', { why: plainText(error) }) }, { error });
      result = { state: 'failed', error };
    }
  }
  void notifyPromotion(ctx, id, result.state);
  return result;
}

async function settle(ctx: PromotionCtx, id: string, actor: string, r: { kind: 'committed'; sha: string; url: string } | { kind: 'conflict'; path: string }): Promise<ExecuteResult> {
  const db = await ctx.db();
  if (r.kind === 'conflict') {
    const error = `${r.path} changed on GitHub since the preview. Nothing was committed; review the new change.`;
    await transition(db, id, 'conflict', { actor, message: msg('tl.conflict', { path: r.path }) }, { error });
    return { state: 'conflict', error };
  }
  await transition(db, id, 'committed', { actor, message: msg('tl.committed', { sha: r.sha.slice(0, 7) }) }, { commitSha: r.sha, commitUrl: r.url });
  return { state: 'committed', commitSha: r.sha };
}

/** When the promotion was made: its commit can only be newer (the trailer lookup reads from there). */
async function createdAt(ctx: PromotionCtx, id: string): Promise<Date | undefined> {
  return (await (await ctx.db()).promotion.findUnique({ where: { id }, select: { createdAt: true } }))?.createdAt;
}

/** Retries of the trailer lookup after a timed-out commit; after them the tracker's recovery takes over. */
const LOOKUP_DELAYS_MS = [0, 2_000, 4_000, 8_000, 16_000];

/**
 * After a commit that got no answer: finds out whether it landed (the Promotion-Id trailer) and
 * settles the promotion — committed, or failed with nothing committed — with its own audit row
 * (`promotion.commit`). While GitHub still does not answer it retries, then leaves the promotion
 * `committing` for the tracker's recovery of stuck promotions (track.ts), which asks again.
 */
export async function settleAfterTimeout(ctx: PromotionCtx, id: string, approver: Pick<Actor, 'subject' | 'name' | 'role'>, delays = LOOKUP_DELAYS_MS): Promise<ExecuteResult | null> {
  try {
    const db = await ctx.db();
    for (const delay of delays) {
      if (delay) await new Promise((r) => setTimeout(r, delay));
      let found: { sha: string; url: string } | null;
      try {
        found = await findCommitWith(ctx.github(), `Promotion-Id: ${id}`, { since: await createdAt(ctx, id) });
      } catch {
        continue; // GitHub still away: ask again later
      }
      const p = await db.promotion.findUnique({ where: { id }, select: { state: true, services: true } });
      if (p?.state !== 'committing') return null; // settled meanwhile (by the tracker, another replica)
      let result: ExecuteResult;
      if (found) result = await settle(ctx, id, approver.subject, { kind: 'committed', ...found });
      else {
        const error = 'GitHub did not answer in time, and the commit did not land; nothing was committed.';
        await transition(db, id, 'failed', { actor: approver.subject, message: msg('tl.noAnswer') }, { error });
        result = { state: 'failed', error };
      }
      await recordAudit(db, {
        actor: approver.subject,
        actorName: approver.name,
        role: approver.role,
        action: 'promotion.commit',
        target: p.services.join(','),
        outcome: result.state === 'committed' ? 'ok' : 'failed',
        details: { id, state: result.state, commitSha: result.commitSha, error: result.error, after: 'timeout' },
      });
      void notifyPromotion(ctx, id, result.state);
      return result;
    }
    log.warn({ promotion: id }, 'GitHub still does not answer; the promotion stays committing until the tracker recovers it');
    return null;
  } catch (e) {
    log.warn({ promotion: id, err: (e as Error).message }, 'settling a timed-out promotion failed; the tracker will recover it');
    return null;
  }
}

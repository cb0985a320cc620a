import 'server-only';
import { commitMessage } from '@/lib/gitops/candidates';
import type { PromotionState } from '@/lib/promotions/state';
import { commitFiles, findCommitWith, openPullRequest } from '../../clients/github';
import type { Actor } from '../../context';
import { log } from '../../log';
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

export async function executePromotion(ctx: PromotionCtx, id: string, approver: Pick<Actor, 'subject' | 'name' | 'email'>): Promise<ExecuteResult | null> {
  const db = await ctx.db();
  if (!(await transition(db, id, 'committing', { actor: approver.subject }))) return null;
  const p = await db.promotion.findUniqueOrThrow({ where: { id }, include: { rollbackOf: { select: { commitSha: true } } } });
  const files = filesOf(p);
  const byService = [...new Set(files.map((f) => f.service))].map((service) => ({ service, changes: files.filter((f) => f.service === service).flatMap((f) => f.changes) }));
  const message = commitMessage({ services: byService, devSha: p.devSha, approver: { name: approver.name, email: approver.email }, promotionId: id, rollsBack: p.rollbackOf?.commitSha ?? undefined });
  const writes = files.map((f) => ({ path: f.path, content: f.after, expectedSha: f.expectedSha }));
  const gh = ctx.github();
  const actor = approver.subject;
  let result: ExecuteResult;
  try {
    if (ctx.settings().mode === 'pull-request') {
      const r = await openPullRequest(gh, { branchName: `promote/${id.slice(0, 8)}`, title: p.title, body: message, message, files: writes });
      if (r.kind === 'pr') {
        await transition(db, id, 'pr_open', { actor, message: `Pull request #${r.pr.number} opened` }, { prNumber: r.pr.number, prUrl: r.pr.url, prBranch: r.pr.branch });
        return { state: 'pr_open' };
      }
      result = await settle(ctx, id, actor, r);
    } else {
      result = await settle(ctx, id, actor, await commitFiles(gh, { message, files: writes }));
    }
  } catch (e) {
    // The request may have landed before the error (timeout): the Promotion-Id trailer tells.
    const found = await findCommitWith(gh, `Promotion-Id: ${id}`).catch(() => null);
    if (found) result = await settle(ctx, id, actor, { kind: 'committed', ...found });
    else {
      const error = (e as Error).message;
      log.warn({ promotion: id, err: error }, 'promotion commit failed');
      await transition(db, id, 'failed', { actor, message: `GitHub refused the commit: ${error}` }, { error });
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
    await transition(db, id, 'conflict', { actor, message: error }, { error });
    return { state: 'conflict', error };
  }
  await transition(db, id, 'committed', { actor, message: `Committed ${r.sha.slice(0, 7)}` }, { commitSha: r.sha, commitUrl: r.url });
  return { state: 'committed', commitSha: r.sha };
}

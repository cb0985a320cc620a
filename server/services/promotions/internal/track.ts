import 'server-only';
import { msg } from '@/lib/i18n/message';
import type { Promotion } from '../../../generated/prisma/client';
import { findCommitWith, getPullRequest, isAncestor } from '../../../clients/github/index';
import { log } from '../../../log';
import { watchHoursFor } from '@/lib/promotions/config';
import { maybeAutoRollBack } from './auto-rollback';
import { appName, type PromotionCtx } from './ctx';
import { notifyPromotion } from './notify';
import { transition } from './store';

// One tick of the tracking job (single leader): follows each committed promotion until PROD's
// Application is Synced at the commit (or a descendant) and Healthy → live, or Degraded for longer
// than `degradedAfterSeconds` → degraded; then watches a live one for `watchHours` (→ degraded,
// and the opt-in auto-roll-back). Also follows PRs merged on GitHub and recovers a commit that
// landed while the panel stopped mid-request (found by its Promotion-Id trailer).

type Verdict = 'syncing' | 'healthy' | 'degraded';
const JOB = 'promotions-tracker';
const ancestry = new Map<string, boolean>();

async function atOrAfter(ctx: PromotionCtx, commit: string, revision: string | null): Promise<boolean> {
  if (!revision) return false;
  if (revision === commit) return true;
  const key = `${commit}..${revision}`;
  if (!ancestry.has(key)) {
    if (ancestry.size > 1_000) ancestry.clear();
    ancestry.set(key, await isAncestor(ctx.github(), commit, revision));
  }
  return ancestry.get(key)!;
}

async function verdictOf(ctx: PromotionCtx, p: Promotion): Promise<Verdict> {
  const verdicts: Verdict[] = [];
  for (const service of p.services) {
    const app = await ctx.apps()(appName(service, ctx.settings().toCluster));
    if (app?.health === 'Missing') verdicts.push('degraded'); // never Synced: the resources are gone
    else if (!app || app.sync !== 'Synced' || !(await atOrAfter(ctx, p.commitSha!, app.revision))) verdicts.push('syncing');
    else if (app.health === 'Healthy') verdicts.push('healthy');
    else if (app.health === 'Degraded' || app.health === 'Missing') verdicts.push('degraded');
    else verdicts.push('syncing');
  }
  if (verdicts.includes('degraded')) return 'degraded';
  return verdicts.every((v) => v === 'healthy') ? 'healthy' : 'syncing';
}

async function follow(ctx: PromotionCtx, p: Promotion): Promise<void> {
  const db = await ctx.db();
  const now = ctx.now();
  const cfg = ctx.settings();
  const v = await verdictOf(ctx, p);
  if (v === 'healthy') {
    if (p.state === 'live') {
      // Watched, not followed: a recovered blip is forgotten.
      if (p.degradedSince) await db.promotion.updateMany({ where: { id: p.id, state: 'live' }, data: { degradedSince: null } });
      return;
    }
    if (await transition(db, p.id, 'live', { actor: JOB, message: msg('tl.live') }, { liveAt: now, degradedSince: null })) void notifyPromotion(ctx, p.id, 'live');
    return;
  }
  if (v === 'degraded') {
    const since = p.degradedSince ?? now;
    if (!p.degradedSince) await db.promotion.updateMany({ where: { id: p.id, degradedSince: null }, data: { degradedSince: now } });
    let degraded = p.state === 'degraded';
    if (!degraded && now.getTime() - since.getTime() >= cfg.degradedAfterSeconds * 1000) {
      const message = msg(p.state === 'live' ? 'tl.degradedAfterLive' : 'tl.degradedStayed');
      degraded = await transition(db, p.id, 'degraded', { actor: JOB, message });
      if (degraded) void notifyPromotion(ctx, p.id, 'degraded');
    }
    if (degraded) await maybeAutoRollBack(ctx, { ...p, degradedSince: since });
    return;
  }
  if (p.state === 'live') return; // watched: only a turn to Degraded matters
  if (p.degradedSince && p.state !== 'degraded') await db.promotion.updateMany({ where: { id: p.id }, data: { degradedSince: null } });
  if (p.state === 'committed') await transition(db, p.id, 'syncing', { actor: JOB, message: msg('tl.syncing') });
  const started = (p.approvedAt ?? p.createdAt).getTime();
  if (p.state !== 'degraded' && now.getTime() - started > cfg.syncTimeoutMinutes * 60_000) {
    const error = `PROD did not sync the commit within ${cfg.syncTimeoutMinutes} minutes.`;
    if (await transition(db, p.id, 'failed', { actor: JOB, message: msg('tl.syncTimeout', { min: cfg.syncTimeoutMinutes }) }, { error })) void notifyPromotion(ctx, p.id, 'failed');
  }
}

/** pr_open: a merge or close on GitHub; merging (stuck, the panel stopped mid-merge): the same, or open again. */
async function followPr(ctx: PromotionCtx, p: Promotion): Promise<void> {
  const db = await ctx.db();
  const pr = await getPullRequest(ctx.github(), p.prNumber!);
  if (pr.merged && pr.mergeSha) {
    const done = await transition(db, p.id, 'committed', { actor: JOB, message: msg('tl.prMerged', { n: pr.number }) }, { commitSha: pr.mergeSha, commitUrl: `${ctx.github().webUrl}/commit/${pr.mergeSha}` });
    if (done) void notifyPromotion(ctx, p.id, 'committed');
  } else if (pr.state === 'closed') {
    await transition(db, p.id, 'rejected', { actor: JOB, message: msg('tl.prClosed', { n: pr.number }) }, { rejectReason: 'pull request closed without merging' });
  } else if (p.state === 'merging') {
    await transition(db, p.id, 'pr_open', { actor: JOB, message: msg('tl.mergeLost', { n: pr.number }) });
  }
}

async function recover(ctx: PromotionCtx, p: Promotion): Promise<void> {
  const db = await ctx.db();
  if (p.state === 'approved') {
    // Stopped between the approval and the commit: nothing was sent to GitHub.
    await transition(db, p.id, 'failed', { actor: JOB, message: msg('tl.stoppedBefore') }, { error: 'interrupted' });
    return;
  }
  const found = await findCommitWith(ctx.github(), `Promotion-Id: ${p.id}`, { since: p.createdAt });
  if (found) await transition(db, p.id, 'committed', { actor: JOB, message: msg('tl.foundCommit', { sha: found.sha.slice(0, 7) }) }, { commitSha: found.sha, commitUrl: found.url });
  else await transition(db, p.id, 'failed', { actor: JOB, message: msg('tl.stoppedWhile') }, { error: 'interrupted' });
}

const STUCK_MS = 2 * 60_000;

/** A live promotion is watched for `watchHours` after it went live, unless a newer one replaced it. */
async function watched(ctx: PromotionCtx, p: Promotion): Promise<boolean> {
  const hours = Math.max(...p.services.map((s) => watchHoursFor(ctx.settings(), s)));
  if (!p.liveAt || ctx.now().getTime() - p.liveAt.getTime() > hours * 3_600_000) return false;
  const newer = await (await ctx.db()).promotion.count({
    where: { id: { not: p.id }, services: { hasSome: p.services }, createdAt: { gt: p.createdAt }, commitSha: { not: null }, state: { in: ['committed', 'syncing', 'live', 'degraded'] } },
  });
  return newer === 0;
}

export async function trackPromotions(ctx: PromotionCtx): Promise<void> {
  const db = await ctx.db();
  const cfg = ctx.settings();
  const longest = Math.max(cfg.watchHours ?? cfg.soakHours, ...Object.keys(cfg.services).map((s) => watchHoursFor(cfg, s)));
  const stuck = new Date(ctx.now().getTime() - STUCK_MS);
  const rows = await db.promotion.findMany({
    where: {
      OR: [
        { state: { in: ['committed', 'syncing', 'degraded', 'pr_open'] } },
        { state: 'live', liveAt: { gt: new Date(ctx.now().getTime() - longest * 3_600_000) } },
        { state: { in: ['approved', 'committing', 'merging'] }, updatedAt: { lt: stuck } },
      ],
      // A promotion whose roll back was committed is no longer what PROD runs.
      rollbacks: { none: { state: { in: ['committed', 'syncing', 'live', 'degraded'] } } },
    },
    orderBy: { createdAt: 'desc' },
    take: 50,
  });
  for (const p of rows) {
    try {
      if (p.state === 'pr_open' || p.state === 'merging') await followPr(ctx, p);
      else if (p.state === 'live' && !(await watched(ctx, p))) continue;
      else if (p.state === 'committing' || p.state === 'approved') await recover(ctx, p);
      else await follow(ctx, p);
    } catch (e) {
      log.warn({ promotion: p.id, err: (e as Error).message }, 'promotion tracking failed this round');
    }
  }
}

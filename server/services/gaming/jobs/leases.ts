import 'server-only';
import { leasePhase } from '@/lib/gaming/lease';
import { clock } from '@/lib/gaming/time';
import { msg } from '@/lib/i18n/message';
import { runAsLeader, type JobHandle } from '../../../jobs/leader';
import { recordAudit } from '../../audit/internal/record-audit';
import { backendOf } from '../backends';
import type { GamingCtx } from '../internal/ctx';
import { activeSession, transition, type SessionRow } from '../internal/sessions';

// The leader's gaming duties: warn before the lease ends, shut down at its end or when idle, and
// carry on any session a crashed replica left half-way. Every effect is a conditional transition,
// so even two leaders (a lease expiring mid-tick) stop a VM once.

export const GAMING_JOB = 'gaming-leases';
const SYSTEM = { actor: 'system:gaming', actorName: 'Panel', role: 'none' as const };
/** A stop retried every tick (the backend reverts a failed one) is audited once per this period. */
const FAILED_STOP_AUDIT_EVERY_MS = 5 * 60_000;
const failedStopAudited = new Map<string, number>();

async function stopFor(ctx: GamingCtx, row: SessionRow, reason: 'lease' | 'idle') {
  const db = await ctx.db();
  const backend = backendOf(ctx);
  const stoppedByName = reason === 'lease' ? 'the panel (time is up)' : 'the panel (idle)';
  const won = await transition(db, row.id, ['booting', 'ready'], { state: 'stopping', stopRequestedAt: ctx.now(), endReason: reason, stoppedByName });
  if (!won) return;
  const target = backend.target(ctx, row);
  try {
    const details = await backend.shutdown(ctx, row, stoppedByName);
    await recordAudit(db, { ...SYSTEM, action: 'gaming.stop', target, outcome: 'ok', details: { session: row.id, reason, ...details } });
    failedStopAudited.delete(row.id);
  } catch (e) {
    const last = failedStopAudited.get(row.id);
    const retrying = backend.stopFailureReverts && last !== undefined && ctx.now().getTime() - last < FAILED_STOP_AUDIT_EVERY_MS;
    if (!retrying) {
      await recordAudit(db, { ...SYSTEM, action: 'gaming.stop', target, outcome: 'failed', details: { session: row.id, reason, error: (e as Error).message } });
      failedStopAudited.set(row.id, ctx.now().getTime());
    }
    // Nothing happened (e.g. no commit): back to where it was, the next tick tries again.
    if (backend.stopFailureReverts) return void (await transition(db, row.id, ['stopping'], { state: row.state, stopRequestedAt: null, stoppedByName: null, endReason: null }));
  }
  await ctx.notify(row.startedBy, 'Gaming PC shutting down', reason === 'lease' ? 'Your gaming time is up; the PC is shutting down.' : 'The gaming PC was idle, so it is shutting down.');
  ctx.publish('gaming', { session: row.id });
  ctx.wake();
}

async function checkIdle(ctx: GamingCtx, row: SessionRow) {
  const cfg = ctx.gaming();
  if (!cfg.readiness || row.state !== 'ready') return;
  const netout = await backendOf(ctx).netoutBytes(ctx, row);
  if (netout === undefined) return;
  const db = await ctx.db();
  const now = ctx.now();
  const last = row.activityAt ?? row.readyAt ?? row.startedAt;
  const prev = row.activityBytes === null ? null : Number(row.activityBytes);
  const seconds = (now.getTime() - last.getTime()) / 1000;
  // Streaming (Sunshine) sends far more than the threshold; a desktop left alone sends almost nothing.
  if (prev === null || netout < prev || (netout - prev) / Math.max(seconds, 1) >= cfg.idleBytesPerSecond) {
    if (prev === null || seconds >= 60) await db.gamingSession.updateMany({ where: { id: row.id }, data: { activityAt: now, activityBytes: BigInt(netout) } });
    return;
  }
  if (seconds >= cfg.idleMinutes * 60) await stopFor(ctx, row, 'idle');
}

/** One pass of the leader's duties (exported for tests, which run two of them side by side). */
export async function gamingLeaseTick(ctx: GamingCtx): Promise<void> {
  const db = await ctx.db();
  const cfg = ctx.gaming();
  const row = await activeSession(db);
  if (!row) return;
  if (row.state === 'booting' || row.state === 'ready') {
    const phase = leasePhase(row.leaseEndsAt, ctx.now(), cfg.lease);
    if (phase === 'expired') return stopFor(ctx, row, 'lease');
    if (phase === 'warn' && !row.warnedAt && (await transition(db, row.id, ['booting', 'ready'], { warnedAt: ctx.now() }, { warnedAt: null }))) {
      await ctx.notify(row.startedBy, msg('nt.leaseEnding.title', { n: cfg.lease.warnMinutes }), msg('nt.leaseEnding.body', { time: clock(row.leaseEndsAt, cfg.timeZone) }), '/gaming', {
        event: 'gaming.leaseEnding',
        key: `gaming.leaseEnding:${row.id}:${row.leaseEndsAt.toISOString()}`,
        expiresAt: row.leaseEndsAt,
      });
      ctx.publish('gaming', { session: row.id, warned: true });
    }
    await checkIdle(ctx, row);
  }
  await backendOf(ctx).advance(ctx, row);
}

/** Runs the tick every `intervalMs` on the replica holding the job's lease (server/jobs/leader.ts). */
export function runGamingLeases(ctx: GamingCtx, instance?: string, intervalMs = 15_000): JobHandle {
  return runAsLeader(() => ctx.db(), GAMING_JOB, intervalMs, () => gamingLeaseTick(ctx), instance);
}

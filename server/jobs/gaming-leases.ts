import 'server-only';
import { leasePhase } from '@/lib/gaming/lease';
import { clock } from '@/lib/gaming/time';
import { recordAudit } from '../services/audit/record-audit';
import type { GamingCtx } from '../services/gaming/ctx';
import { advance, requestShutdown } from '../services/gaming/engine';
import { isKubevirt, kvRequestShutdown } from '../services/gaming/kubevirt';
import { sessionTarget } from '../services/gaming/outcome';
import { activeSession, transition, type SessionRow } from '../services/gaming/sessions';
import { leaseFor, tryLead } from './leader';
import { log } from '../log';

// The leader's gaming duties: warn before the lease ends, shut down at its end or when idle, and
// carry on any session a crashed replica left half-way. Every effect is a conditional transition,
// so even two leaders (a lease expiring mid-tick) stop a VM once.

export const GAMING_JOB = 'gaming-leases';
const SYSTEM = { actor: 'system:gaming', actorName: 'Panel', role: 'none' as const };
/** A KubeVirt stop retried every tick while GitHub is down is audited once per this period, not per tick. */
const FAILED_STOP_AUDIT_EVERY_MS = 5 * 60_000;
const failedStopAudited = new Map<string, number>();

async function stopFor(ctx: GamingCtx, row: SessionRow, reason: 'lease' | 'idle') {
  const db = await ctx.db();
  const stoppedByName = reason === 'lease' ? 'the panel (time is up)' : 'the panel (idle)';
  const won = await transition(db, row.id, ['booting', 'ready'], { state: 'stopping', stopRequestedAt: ctx.now(), endReason: reason, stoppedByName });
  if (!won) return;
  const target = sessionTarget(ctx, row);
  try {
    if (isKubevirt(ctx)) {
      const r = await kvRequestShutdown(ctx, row, stoppedByName);
      await recordAudit(db, { ...SYSTEM, action: 'gaming.stop', target, outcome: 'ok', details: { session: row.id, reason, commit: r.sha } });
    } else {
      await requestShutdown(ctx, row.vmid);
      await recordAudit(db, { ...SYSTEM, action: 'gaming.stop', target, outcome: 'ok', details: { session: row.id, reason } });
    }
    failedStopAudited.delete(row.id);
  } catch (e) {
    const last = failedStopAudited.get(row.id);
    const retrying = isKubevirt(ctx) && last !== undefined && ctx.now().getTime() - last < FAILED_STOP_AUDIT_EVERY_MS;
    if (!retrying) {
      await recordAudit(db, { ...SYSTEM, action: 'gaming.stop', target, outcome: 'failed', details: { session: row.id, reason, error: (e as Error).message } });
      failedStopAudited.set(row.id, ctx.now().getTime());
    }
    // KubeVirt: nothing was committed, so the VM still runs; back to where it was, the next tick tries again.
    if (isKubevirt(ctx)) return void (await transition(db, row.id, ['stopping'], { state: row.state, stopRequestedAt: null, stoppedByName: null, endReason: null }));
  }
  await ctx.notify(row.startedBy, 'Gaming PC shutting down', reason === 'lease' ? 'Your gaming time is up; the PC is shutting down.' : 'The gaming PC was idle, so it is shutting down.');
  ctx.publish('gaming', { session: row.id });
  ctx.wake();
}

async function checkIdle(ctx: GamingCtx, row: SessionRow, netout: number | undefined) {
  const cfg = ctx.gaming();
  if (!cfg.readiness || row.state !== 'ready' || netout === undefined) return;
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
  // KubeVirt: no guest network counters here, so no idle shutdown (docs/gaming.md); advance() reads the cluster.
  const vms = isKubevirt(ctx) ? undefined : await ctx.proxmox().listVms();
  if (row.state === 'booting' || row.state === 'ready') {
    const phase = leasePhase(row.leaseEndsAt, ctx.now(), cfg.lease);
    if (phase === 'expired') return stopFor(ctx, row, 'lease');
    if (phase === 'warn' && !row.warnedAt && (await transition(db, row.id, ['booting', 'ready'], { warnedAt: ctx.now() }, { warnedAt: null }))) {
      await ctx.notify(row.startedBy, `Gaming PC: ${cfg.lease.warnMinutes} minutes left`, `The gaming PC shuts down at ${clock(row.leaseEndsAt, cfg.timeZone)}. Open the panel and tap Extend for more time.`);
      ctx.publish('gaming', { session: row.id, warned: true });
    }
    if (vms) await checkIdle(ctx, row, vms.find((v) => v.vmid === row.vmid)?.netoutBytes);
  }
  await advance(ctx, row, vms);
}

/** Runs the tick every `intervalMs` on the replica holding the job's lease. */
export function runGamingLeases(ctx: GamingCtx, instance: string, intervalMs = 15_000): { stop(): void } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const loop = async () => {
    const started = Date.now();
    try {
      if (await tryLead(await ctx.db(), GAMING_JOB, leaseFor(intervalMs), instance)) await gamingLeaseTick(ctx);
    } catch (e) {
      log.warn({ job: GAMING_JOB, err: (e as Error).message }, 'gaming lease tick failed');
    }
    // Fixed rate: the lease of one interval is renewed before it runs out.
    if (!stopped) timer = setTimeout(loop, Math.max(0, intervalMs - (Date.now() - started))).unref();
  };
  timer = setTimeout(loop, 0).unref();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

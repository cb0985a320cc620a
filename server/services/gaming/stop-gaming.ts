import 'server-only';
import { initialLeaseEnd } from '@/lib/gaming/lease';
import { StopGamingSchema } from '@/lib/gaming/schemas';
import type { GamingStateDto } from '@/lib/gaming/types';
import { requirePermission } from '../../auth/guard';
import { ProxmoxError } from '../../clients/proxmox/errors';
import { vmiActive } from '@/lib/gaming/kubevirt';
import { msg } from '@/lib/i18n/message';
import { AppError } from '../../errors';
import { parseInput } from '../../validation';
import { recordAudit } from '../audit/record-audit';
import { gamingCtx, type GamingCtx } from './ctx';
import { requestShutdown } from './engine';
import { gamingVmid } from './facts';
import { isCommitted, isKubevirt, KUBEVIRT_VMID, kvObserve, kvRequestShutdown } from './kubevirt';
import { sessionTarget } from './outcome';
import { coded, conflict } from './say';
import { buildState } from './get-gaming-state';
import { activeSession, isUniqueViolation, transition, type SessionRow } from './sessions';

// Stop = one conditional transition to `stopping` (so a double tap or two people send one shutdown),
// then a guest-agent or ACPI shutdown; advance() hard-stops after the timeout and closes the session.
// KubeVirt: the one winner commits runStrategy Halted; a failed commit puts the session back.

export async function stopGaming(input: unknown, ctx: GamingCtx = gamingCtx()): Promise<GamingStateDto> {
  const actor = await requirePermission('gaming:power', ctx);
  parseInput(StopGamingSchema, input ?? {});
  const db = await ctx.db();
  const ip = await ctx.ip();
  const now = ctx.now();
  let row = await activeSession(db);
  if (!row) row = await adoptRunning(ctx, actor);
  if (!row) return buildState(ctx, actor); // already off: nothing to do
  const audit = (outcome: 'ok' | 'failed', details: Record<string, unknown>) =>
    recordAudit(db, { actor: actor.subject, actorName: actor.name, role: actor.role, ip, action: 'gaming.stop', target: sessionTarget(ctx, row!), outcome, details: { session: row!.id, ...details } });

  if (isKubevirt(ctx)) {
    await stopKubevirt(ctx, actor, row, audit);
    ctx.publish('gaming', { session: row.id });
    ctx.wake();
    return buildState(ctx, actor);
  }

  if (row.state === 'starting') {
    // Still shutting DEV down: nothing is running yet, so stopping means cancelling.
    if (!(await transition(db, row.id, ['starting'], { state: 'ended', endedAt: now, endReason: 'cancelled', stoppedBy: actor.subject, stoppedByName: actor.name }, { startUpid: null }))) {
      throw conflict(ctx, msg('srv.stop.starting'));
    }
    await audit('ok', { cancelled: true });
  } else if (row.state !== 'stopping') {
    const won = await transition(db, row.id, ['booting', 'ready'], { state: 'stopping', stopRequestedAt: now, stoppedBy: actor.subject, stoppedByName: actor.name, endReason: 'stopped' });
    if (won) {
      try {
        await requestShutdown(ctx, row.vmid);
        await audit('ok', {});
      } catch (e) {
        if (e instanceof ProxmoxError) await audit('failed', { reason: e.message, proxmox: e.reason });
        throw coded(e);
      }
    }
  }
  ctx.publish('gaming', { session: row.id });
  ctx.wake();
  return buildState(ctx, actor);
}

async function stopKubevirt(ctx: GamingCtx, actor: { subject: string; name: string }, row: SessionRow, audit: (outcome: 'ok' | 'failed', details: Record<string, unknown>) => Promise<void>) {
  const db = await ctx.db();
  const now = ctx.now();
  if (row.state === 'starting' && !row.startUpid) {
    // Nothing committed yet: stopping means cancelling.
    if (!(await transition(db, row.id, ['starting'], { state: 'ended', endedAt: now, endReason: 'cancelled', stoppedBy: actor.subject, stoppedByName: actor.name }, { startUpid: null }))) {
      throw conflict(ctx, msg('srv.stop.starting'));
    }
    return audit('ok', { cancelled: true });
  }
  if (row.state === 'stopping') return;
  if (row.state === 'starting' && !isCommitted(row)) throw conflict(ctx, msg('srv.stop.starting'));
  const from = row.state;
  const won = await transition(db, row.id, [from], { state: 'stopping', stopRequestedAt: now, stoppedBy: actor.subject, stoppedByName: actor.name, endReason: 'stopped' });
  if (!won) return;
  try {
    const r = await kvRequestShutdown(ctx, row, actor.name);
    await audit('ok', { commit: r.sha });
  } catch (e) {
    // Nothing was committed: the VM keeps running, so the session goes back to what it was.
    await transition(db, row.id, ['stopping'], { state: from, stopRequestedAt: null, stoppedBy: null, stoppedByName: null, endReason: null });
    if (e instanceof AppError) await audit('failed', { reason: e.message });
    throw coded(e);
  }
}

/** The VM runs without a session (started in Proxmox): record one, in `booting`, so it can be stopped. */
async function adoptRunning(ctx: GamingCtx, actor: { subject: string; name: string; role: SessionRow['startedByRole'] }): Promise<SessionRow | null> {
  if (isKubevirt(ctx)) {
    const { vmi } = await kvObserve(ctx);
    if (!vmiActive(vmi)) return null;
    return createAdopted(ctx, actor, KUBEVIRT_VMID, 'commit:none');
  }
  const vms = await ctx.proxmox().listVms();
  const vmid = gamingVmid(ctx, vms);
  if (!vms.find((v) => v.vmid === vmid)?.running) return null;
  return createAdopted(ctx, actor, vmid, null);
}

async function createAdopted(ctx: GamingCtx, actor: { subject: string; name: string; role: SessionRow['startedByRole'] }, vmid: number, startUpid: string | null): Promise<SessionRow | null> {
  const db = await ctx.db();
  try {
    return await db.gamingSession.create({
      data: { vmid, state: 'booting', startUpid, startedBy: actor.subject, startedByName: actor.name, startedByRole: actor.role, startedAt: ctx.now(), leaseEndsAt: initialLeaseEnd(ctx.now(), ctx.gaming().lease) },
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    return activeSession(db, vmid);
  }
}

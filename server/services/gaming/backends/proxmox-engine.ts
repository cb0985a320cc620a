import 'server-only';
import { minutesMsg, proxmoxErrorClause, proxmoxReasonMsg } from '@/lib/gaming/words';
import { msg } from '@/lib/i18n/message';
import type { VmStatus } from '../../../clients/proxmox/power';
import { toProxmoxError } from '../../../clients/proxmox/errors';
import { recordAudit } from '../../audit/internal/record-audit';
import type { GamingCtx } from '../internal/ctx';
import { announceReady, changed, failSession } from '../internal/outcome';
import { coded } from '../internal/say';
import { firstName, transition, type SessionRow } from '../internal/sessions';

// The Proxmox backend's session state machine. Every step is a conditional transition, so the request
// that won the session, the background loop on each replica and the leader job can all call
// `advance` without doing anything twice. Only the winner of a claim makes the power call.

const SEC = 1000;
export const pveTarget = (row: Pick<SessionRow, 'vmid'>) => `vm/${row.vmid}`;
const since = (ctx: GamingCtx, at: Date) => ctx.now().getTime() - at.getTime();

/** The start was sent but its answer never came (timeout, connection cut): it may have reached Proxmox. */
export const LOST = 'lost';
/** "Start again" during Stopping: start once the guest is off, in the same session (its lease kept). */
export const RESUME = 'resume';

/**
 * Claims the one Proxmox `status/start` of this session and makes it. An answer that never came is
 * no failure: the start may have reached Proxmox, so the session waits for the VM (`LOST`) and
 * `advance` follows it up — never a second start.
 */
export async function claimAndStart(ctx: GamingCtx, row: SessionRow): Promise<void> {
  const db = await ctx.db();
  if (!(await transition(db, row.id, ['starting'], { startUpid: 'pending' }, { startUpid: null }))) return;
  try {
    const upid = await ctx.proxmox().start(row.vmid);
    await transition(db, row.id, ['starting'], { startUpid: upid });
  } catch (e) {
    const err = toProxmoxError(e);
    if (err.unreachable) {
      await transition(db, row.id, ['starting'], { startUpid: LOST }, { startUpid: 'pending' });
      await recordAudit(db, { actor: row.startedBy, actorName: row.startedByName, role: row.startedByRole, action: 'gaming.start', target: pveTarget(row), outcome: 'ok', details: { session: row.id, answerLost: true, reason: err.reason } });
      await changed(ctx);
      return;
    }
    await failSession(ctx, pveTarget(row), row, msg('srv.cantStart', { reason: proxmoxErrorClause(err) }), err.reason);
    throw coded(err);
  }
}

/** Guest agent shutdown when it answers, else ACPI; the hard stop comes later from `advance`. */
export async function requestShutdown(ctx: GamingCtx, vmid: number): Promise<void> {
  const p = ctx.proxmox();
  if (!(await p.agentShutdown(vmid))) await p.shutdown(vmid);
}

export async function guestUp(ctx: GamingCtx, vmid: number): Promise<boolean> {
  const r = ctx.gaming().readiness;
  return r ? ctx.probe(r.host, r.port) : ctx.proxmox().agentPing(vmid);
}

/** One step of the session, given the VM list if the caller already has it. */
export async function advance(ctx: GamingCtx, row: SessionRow, vms?: VmStatus[]): Promise<void> {
  const cfg = ctx.gaming();
  const db = await ctx.db();
  const t = cfg.timeouts;
  const list = vms ?? (await ctx.proxmox().listVms());
  const vm = list.find((v) => v.vmid === row.vmid);
  if (row.state === 'starting') {
    if (row.startUpid === RESUME) return resume(ctx, row, vm?.running);
    if (!row.startUpid && row.stopDev) {
      const devUp = list.filter((v) => v.running && v.vmid !== row.vmid && v.tags.includes(cfg.devTag));
      if (devUp.length === 0) return claimAndStart(ctx, row).catch(() => undefined);
      if (since(ctx, row.startedAt) > t.devShutdownSeconds * SEC) await failSession(ctx, pveTarget(row), row, msg('srv.cantStart.devTimeout'));
      return;
    }
    if (!row.startUpid || row.startUpid === 'pending' || row.startUpid === LOST) {
      // No task to follow (its answer was lost, or a replica died mid-call): the VM itself says whether it started.
      if (row.startUpid && vm?.running) {
        if (await transition(db, row.id, ['starting'], { state: 'booting' })) await changed(ctx);
        return;
      }
      if (since(ctx, row.startedAt) > (t.startTaskSeconds + (row.stopDev ? t.devShutdownSeconds : 0)) * SEC) {
        await failSession(ctx, pveTarget(row), row, msg(row.startUpid === LOST ? 'srv.cantStart.noAnswer' : 'srv.cantStart.neverStarted'));
      }
      return;
    }
    const task = await ctx.proxmox().task(row.startUpid);
    if (task.running) {
      if (since(ctx, row.startedAt) > (t.startTaskSeconds + t.devShutdownSeconds) * SEC) await failSession(ctx, pveTarget(row), row, msg('srv.cantStart.taskSlow'));
      return;
    }
    if (task.exitstatus === 'OK') {
      if (await transition(db, row.id, ['starting'], { state: 'booting' })) await changed(ctx);
    } else {
      await failSession(ctx, pveTarget(row), row, msg('srv.cantStart', { reason: proxmoxReasonMsg(task.exitstatus ?? '') }), task.exitstatus ?? undefined);
    }
    return;
  }
  if (row.state === 'booting') {
    if (vm && !vm.running) return void (await failSession(ctx, pveTarget(row), row, msg('srv.cantStart.vmStopped')));
    if (await guestUp(ctx, row.vmid)) {
      if (await transition(db, row.id, ['booting'], { state: 'ready', readyAt: ctx.now(), activityAt: ctx.now() })) {
        await changed(ctx);
        await announceReady(ctx, row);
      }
    } else if (since(ctx, row.startedAt) > t.bootSeconds * SEC) {
      // Don't leave a half-booted VM holding the GPU and 32 GB: fail it and power it off.
      if (await failSession(ctx, pveTarget(row), row, msg('srv.cantStart.boot', { time: minutesMsg(t.bootSeconds) }))) {
        await ctx.proxmox().stop(row.vmid).catch(() => undefined);
      }
    }
    return;
  }
  if (row.state === 'ready') {
    if (vm && !vm.running && (await transition(db, row.id, ['ready'], { state: 'ended', endedAt: ctx.now(), endReason: 'external' }))) await changed(ctx);
    return;
  }
  if (row.state === 'stopping') {
    if (vm && !vm.running) {
      if (await transition(db, row.id, ['stopping'], { state: 'ended', endedAt: ctx.now() })) await changed(ctx);
      return;
    }
    const asked = row.stopRequestedAt ?? row.updatedAt;
    if (!row.hardStopAt && since(ctx, asked) > t.shutdownSeconds * SEC) {
      if (await transition(db, row.id, ['stopping'], { hardStopAt: ctx.now() }, { hardStopAt: null })) {
        await recordAudit(db, { actor: 'system:gaming', actorName: 'Panel', role: 'none', action: 'gaming.hard-stop', target: `vm/${row.vmid}`, outcome: 'ok', details: { session: row.id, afterSeconds: t.shutdownSeconds } });
        await ctx.proxmox().stop(row.vmid);
      }
    }
  }
}

/** "Start again" during Stopping: wait for the guest to be off, then one start in the same session. */
async function resume(ctx: GamingCtx, row: SessionRow, running: boolean | undefined): Promise<void> {
  const db = await ctx.db();
  const t = ctx.gaming().timeouts;
  if (running === false) {
    if (await transition(db, row.id, ['starting'], { startUpid: null }, { startUpid: RESUME })) await claimAndStart(ctx, { ...row, startUpid: null }).catch(() => undefined);
    return;
  }
  // The guest never went down (it ignored the shutdown): it is still up, so it is simply running again.
  const asked = row.stopRequestedAt ?? row.updatedAt;
  if (running && since(ctx, asked) > t.shutdownSeconds * SEC && (await transition(db, row.id, ['starting'], { state: 'booting', startUpid: null }, { startUpid: RESUME }))) await changed(ctx);
}

/**
 * Testing → gaming mode: shuts the DEV VMs down (ACPI) before the start, records which (DEV comes
 * back when the session ends, see internal/modes.ts restoreDev), and tells the admin (audit + notification).
 */
export async function shutDownDev(ctx: GamingCtx, row: SessionRow, devVmids: number[]): Promise<void> {
  const db = await ctx.db();
  await db.gamingSession.updateMany({ where: { id: row.id }, data: { devVmids } });
  for (const vmid of devVmids) await ctx.proxmox().shutdown(vmid);
  const back = ctx.gaming().restoreDev;
  await recordAudit(db, { actor: 'system:gaming', actorName: 'Panel', role: 'none', action: 'dev.stop', target: 'dev-cluster', outcome: 'ok', details: { session: row.id, for: row.startedByName, vms: devVmids, reason: 'gaming mode', restoreWhenDone: back } });
  await ctx.notify(
    null,
    'DEV cluster shut down for gaming',
    `${firstName(row.startedByName)} started the gaming PC; the DEV cluster was shut down to make room${back ? ' and will start again when the game ends' : ''}. To keep DEV running next time, put a hold on it in the panel.`,
    '/gaming',
  );
}

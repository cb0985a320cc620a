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

/** Claims the one Proxmox `status/start` of this session and makes it. */
export async function claimAndStart(ctx: GamingCtx, row: SessionRow): Promise<void> {
  const db = await ctx.db();
  if (!(await transition(db, row.id, ['starting'], { startUpid: 'pending' }, { startUpid: null }))) return;
  try {
    const upid = await ctx.proxmox().start(row.vmid);
    await transition(db, row.id, ['starting'], { startUpid: upid });
  } catch (e) {
    const err = toProxmoxError(e);
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
    if (!row.startUpid && row.stopDev) {
      const devUp = list.filter((v) => v.running && v.vmid !== row.vmid && v.tags.includes(cfg.devTag));
      if (devUp.length === 0) return claimAndStart(ctx, row).catch(() => undefined);
      if (since(ctx, row.startedAt) > t.devShutdownSeconds * SEC) await failSession(ctx, pveTarget(row), row, msg('srv.cantStart.devTimeout'));
      return;
    }
    if (!row.startUpid || row.startUpid === 'pending') {
      if (since(ctx, row.startedAt) > t.startTaskSeconds * SEC) await failSession(ctx, pveTarget(row), row, msg('srv.cantStart.neverStarted'));
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

/** Shuts the DEV VMs down (ACPI) before a stop-dev start, and tells the admin. */
export async function shutDownDev(ctx: GamingCtx, row: SessionRow, devVmids: number[]): Promise<void> {
  for (const vmid of devVmids) await ctx.proxmox().shutdown(vmid);
  await ctx.notify(null, 'DEV cluster shut down for gaming', `${firstName(row.startedByName)} started the gaming PC; the DEV cluster was shut down to make room.`);
}

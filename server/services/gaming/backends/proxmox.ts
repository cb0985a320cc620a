import 'server-only';
import { evaluatePreflight } from '@/lib/gaming/preflight';
import { proxmoxErrorClause } from '@/lib/gaming/words';
import { msg, plainText } from '@/lib/i18n/message';
import { ProxmoxError } from '../../../clients/proxmox/errors';
import type { VmStatus } from '../../../clients/proxmox/power';
import { failSession } from '../internal/outcome';
import { coded, conflict } from '../internal/say';
import { activeSession, lastEnded, transition } from '../internal/sessions';
import { proxmoxCard } from './proxmox-card';
import { advance, claimAndStart, pveTarget, requestShutdown, RESUME, shutDownDev } from './proxmox-engine';
import { gamingVmid, gatherFacts } from './proxmox-facts';
import type { GamingBackend } from './types';
import { adoptRunning, restoreDev } from '../internal/modes';

// The gaming VM is a Proxmox VM: power calls through the Proxmox API (a start task, guest agent or
// ACPI shutdown, a hard stop after the timeout), DEV shut down first when the host needs the room.

export const proxmoxBackend: GamingBackend = {
  name: 'proxmox',
  configured: (cfg) => !!cfg.proxmox,
  target: (ctx, row) => (row ? pveTarget(row) : ctx.gaming().vmid ? `vm/${ctx.gaming().vmid}` : 'vm/gaming'),
  card: proxmoxCard,

  async plan(ctx, actor, opts) {
    const facts = await gatherFacts(ctx, actor, undefined, opts?.allowed ?? false);
    // Already running (started from Proxmox itself): adopt it instead of starting it again.
    const adopt = facts.vms.find((v) => v.vmid === facts.gamingVmid)?.running ?? false;
    const pf = adopt ? null : evaluatePreflight(facts);
    return {
      vmid: facts.gamingVmid,
      adopt,
      preflight: pf,
      session: { state: adopt ? 'booting' : 'starting', startUpid: null, stopDev: pf?.stopDev ?? false },
      details: { stopDev: pf?.stopDev ?? false },
      carry: pf?.devVmids ?? [],
    };
  },

  async begin(ctx, row, plan) {
    if (!row.stopDev) return claimAndStart(ctx, row);
    try {
      await shutDownDev(ctx, row, plan.carry as number[]);
    } catch (e) {
      const err = e instanceof ProxmoxError ? e : null;
      await failSession(ctx, pveTarget(row), row, msg('srv.cantStart.dev', { why: err ? proxmoxErrorClause(err) : plainText((e as Error).message) }), err?.reason);
      throw coded(e);
    }
  },

  async resume(ctx, row) {
    // The guest may be mid-shutdown (an ACPI shutdown can't be taken back): start it again once it is off.
    const db = await ctx.db();
    return transition(db, row.id, ['stopping'], { state: 'starting', startUpid: RESUME, stoppedBy: null, stoppedByName: null, endReason: null, hardStopAt: null });
  },

  async stop(ctx, actor, row, audit) {
    const db = await ctx.db();
    const now = ctx.now();
    if (row.state === 'starting') {
      // Still shutting DEV down: nothing is running yet, so stopping means cancelling.
      const cancelled = await transition(db, row.id, ['starting'], { state: 'ended', endedAt: now, endReason: 'cancelled', stoppedBy: actor.subject, stoppedByName: actor.name }, { startUpid: null });
      if (!cancelled) throw conflict(ctx, msg('srv.stop.starting'));
      return audit({ outcome: 'ok', details: { cancelled: true } });
    }
    if (row.state === 'stopping') return;
    const won = await transition(db, row.id, ['booting', 'ready'], { state: 'stopping', stopRequestedAt: now, stoppedBy: actor.subject, stoppedByName: actor.name, endReason: 'stopped' });
    if (!won) return;
    try {
      await requestShutdown(ctx, row.vmid);
      await audit({ outcome: 'ok', details: {} });
    } catch (e) {
      if (e instanceof ProxmoxError) await audit({ outcome: 'failed', details: { reason: e.message, proxmox: e.reason } });
      throw coded(e);
    }
  },

  async unowned(ctx) {
    const vms = await ctx.proxmox().listVms();
    const vmid = gamingVmid(ctx, vms);
    return vms.find((v) => v.vmid === vmid)?.running ? { vmid, startUpid: null } : null;
  },

  advance: (ctx, row) => advance(ctx, row),

  async shutdown(ctx, row) {
    await requestShutdown(ctx, row.vmid);
    return {};
  },
  stopFailureReverts: false,

  async netoutBytes(ctx, row) {
    return (await ctx.proxmox().listVms()).find((v) => v.vmid === row.vmid)?.netoutBytes;
  },

  async look(ctx) {
    const db = await ctx.db();
    let row = await activeSession(db);
    let vms: VmStatus[] | null = null;
    const cfg = ctx.gaming();
    try {
      vms = await ctx.proxmox().listVms();
      if (row && row.state !== 'ended') {
        await advance(ctx, row, vms);
        row = await activeSession(db);
      }
      const gaming = vms.find((v) => v.vmid === (cfg.vmid ?? vms!.find((x) => x.tags.includes(cfg.tag))?.vmid));
      // Running with no session (a lost answer, a start from Proxmox itself): adopt it, with a lease.
      if (!row && gaming?.running) row = (await adoptRunning(ctx, gaming)) ?? (await activeSession(db));
      // A game that shut DEV down has ended: back to testing mode.
      await restoreDev(ctx, vms);
    } catch {
      // Proxmox not answering: the picture says so (vms === null).
    }
    const vmid = row?.vmid ?? cfg.vmid ?? vms?.find((v) => v.tags.includes(cfg.tag))?.vmid;
    const vm = vms?.find((v) => v.vmid === vmid);
    const ended = vmid ? await lastEnded(db, vmid) : null;
    return {
      row,
      picture: [row?.id, row?.state, row?.startUpid, row?.leaseEndsAt, row?.warnedAt, vms === null, vm?.running, ended?.id],
      state: row?.state ?? (vm?.running ? 'running' : 'off'),
    };
  },
};

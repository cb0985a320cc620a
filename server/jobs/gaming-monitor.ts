import 'server-only';
import type { VmStatus } from '../clients/proxmox/power';
import type { GamingCtx } from '../services/gaming/ctx';
import { advance } from '../services/gaming/engine';
import { isKubevirt, KUBEVIRT_VMID, kvAdvance, kvObserve, type KvSeen } from '../services/gaming/kubevirt';
import { activeSession, lastEnded } from '../services/gaming/sessions';
import { bus } from '../live/events';
import { log } from '../log';

// Every replica follows the gaming VM for its own SSE clients: it moves transitional sessions on
// (start task → booting → ready, stopping → off) and publishes 'gaming' whenever what the card would
// show changes, including changes made in Proxmox itself or by another replica.

const FAST_MS = 500;
const WATCHED_MS = 1_000;
const IDLE_MS = 5_000;

export interface MonitorResult {
  changed: boolean;
  transitional: boolean;
}

let last = '';

/** One look: advance the session if it is mid-way, publish when the picture changed. */
export async function monitorTick(ctx: GamingCtx): Promise<MonitorResult> {
  if (isKubevirt(ctx)) return kubevirtTick(ctx);
  const db = await ctx.db();
  let row = await activeSession(db);
  let vms: VmStatus[] | null = null;
  try {
    vms = await ctx.proxmox().listVms();
    if (row && row.state !== 'ended') {
      await advance(ctx, row, vms);
      row = await activeSession(db);
    }
  } catch (e) {
    log.debug({ err: (e as Error).message }, 'gaming monitor: proxmox not answering');
  }
  const vmid = row?.vmid ?? ctx.gaming().vmid ?? vms?.find((v) => v.tags.includes(ctx.gaming().tag))?.vmid;
  const vm = vms?.find((v) => v.vmid === vmid);
  const ended = vmid ? await lastEnded(db, vmid) : null;
  const picture = JSON.stringify([row?.id, row?.state, row?.startUpid, row?.leaseEndsAt, row?.warnedAt, vms === null, vm?.running, ended?.id]);
  const changed = picture !== last;
  if (changed) {
    last = picture;
    ctx.publish('gaming', { state: row?.state ?? (vm?.running ? 'running' : 'off') });
  }
  return { changed, transitional: !!row && row.state !== 'ready' };
}

async function kubevirtTick(ctx: GamingCtx): Promise<MonitorResult> {
  const db = await ctx.db();
  let row = await activeSession(db, KUBEVIRT_VMID);
  let seen: KvSeen | null = null;
  try {
    seen = await kvObserve(ctx);
    if (row && row.state !== 'ended') {
      await kvAdvance(ctx, row, seen);
      row = await activeSession(db, KUBEVIRT_VMID);
    }
  } catch (e) {
    log.debug({ err: (e as Error).message }, 'gaming monitor: the cluster is not answering');
  }
  const ended = await lastEnded(db, KUBEVIRT_VMID);
  const vmi = seen?.vmi;
  const picture = JSON.stringify([row?.id, row?.state, row?.startUpid, row?.leaseEndsAt, row?.warnedAt, seen === null, seen?.vm?.printableStatus, vmi?.phase, vmi?.agentConnected, vmi?.unschedulable?.message, ended?.id]);
  const changed = picture !== last;
  if (changed) {
    last = picture;
    ctx.publish('gaming', { state: row?.state ?? vmi?.phase ?? 'off' });
  }
  return { changed, transitional: !!row && row.state !== 'ready' };
}

export function runGamingMonitor(ctx: GamingCtx): { stop(): void; wake(): void } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  const loop = async () => {
    if (running) return;
    running = true;
    let delay = IDLE_MS;
    try {
      const r = await monitorTick(ctx);
      delay = r.transitional ? FAST_MS : bus.subscribers > 0 ? WATCHED_MS : IDLE_MS;
    } catch (e) {
      log.warn({ err: (e as Error).message }, 'gaming monitor tick failed');
    }
    running = false;
    if (!stopped) timer = setTimeout(loop, delay).unref();
  };
  timer = setTimeout(loop, 0).unref();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
    wake() {
      if (stopped || running) return;
      clearTimeout(timer);
      timer = setTimeout(loop, 50).unref();
    },
  };
}

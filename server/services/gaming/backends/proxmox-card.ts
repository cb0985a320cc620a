import 'server-only';
import { can } from '@/lib/permissions';
import { evaluatePreflight } from '@/lib/gaming/preflight';
import { cardState } from '@/lib/gaming/state';
import type { GamingStateDto } from '@/lib/gaming/types';
import { stateLabel } from '@/lib/gaming/words';
import { msg, readStoredMessage, type Message } from '@/lib/i18n/message';
import type { VmStatus } from '../../../clients/proxmox/power';
import type { Actor } from '../../../context';
import { AppError } from '../../../errors';
import type { GamingCtx } from '../internal/ctx';
import { errorMsg } from '../internal/say';
import { activeSession, lastEnded, leaseView, toSessionDto } from '../internal/sessions';
import { guestUp } from './proxmox-engine';
import { gatherFacts, gamingVmid } from './proxmox-facts';

// The card with the Proxmox backend. Never fails because of Proxmox: an unreachable host or a refused
// token becomes the card's notice, so the rest of the page keeps working.

async function readVms(ctx: GamingCtx): Promise<{ vms: VmStatus[] | null; notice: Message | null }> {
  try {
    return { vms: await ctx.proxmox().listVms(), notice: null };
  } catch (e) {
    if (e instanceof AppError) return { vms: null, notice: errorMsg(e) };
    throw e;
  }
}

export async function proxmoxCard(ctx: GamingCtx, actor: Actor): Promise<GamingStateDto> {
  const db = await ctx.db();
  const cfg = ctx.gaming();
  const now = ctx.now();
  const { vms, notice: readNotice } = await readVms(ctx);
  let notice = readNotice;
  let vmid = cfg.vmid ?? null;
  if (vms && !vmid) {
    try {
      vmid = gamingVmid(ctx, vms);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      notice = errorMsg(e);
    }
  }
  const active = await activeSession(db, vmid ?? undefined);
  const vm = vms?.find((v) => v.vmid === (vmid ?? active?.vmid));
  const ended = vmid ? await lastEnded(db, vmid) : null;
  let up: boolean | null = null;
  if (vm?.running && (!active || active.state === 'booting')) up = await guestUp(ctx, vm.vmid).catch(() => null);
  const reachable = vms !== null && vm !== undefined;
  const state = cardState({ reachable, running: vm ? vm.running : null, guestUp: up, session: active, lastEnded: ended?.endedAt ? { endReason: ended.endReason, endedAt: ended.endedAt } : null, now });
  const power = can(actor.role, 'gaming:power');

  let preflight: GamingStateDto['preflight'] = null;
  if (power && (state === 'off' || state === 'failed') && vms) {
    try {
      const r = evaluatePreflight(await gatherFacts(ctx, actor, vms));
      preflight = { ok: r.ok, checks: r.checks, note: r.note, refusal: r.refusal };
    } catch {
      preflight = null; // the preview is a courtesy; the real check runs on Start
    }
  }
  const lease = leaseView(active, now, cfg.lease);
  const detail =
    state === 'failed' ? readStoredMessage(ended?.failure ?? null) : state === 'unreachable' ? (notice ?? msg('srv.unreachable')) : active?.state === 'starting' && active.stopDev && !active.startUpid ? msg('srv.stoppingDev') : null;
  return {
    state,
    // A refusing token or a missing VM is no outage: say "can't check", not "can't reach".
    label: state === 'unreachable' && notice && notice.code !== 'srv.unreachable' ? msg('srv.cantCheck') : stateLabel(state),
    detail,
    session: active ? toSessionDto(active, actor.subject) : null,
    leaseWarning: lease.leaseWarning,
    preflight,
    can: {
      start: power && reachable && (state === 'off' || state === 'failed'),
      stop: power && (state === 'booting' || state === 'ready' || (active?.state === 'starting' && !active.startUpid)),
      extend: power && lease.extendable,
    },
    notice: state === 'unreachable' ? null : notice,
    at: now.toISOString(),
  };
}

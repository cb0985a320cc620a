import 'server-only';
import { can } from '@/lib/permissions';
import { evaluatePreflight } from '@/lib/gaming/preflight';
import { cardState } from '@/lib/gaming/state';
import type { GamingStateDto } from '@/lib/gaming/types';
import { stateLabel } from '@/lib/gaming/words';
import { msg, readStoredMessage } from '@/lib/i18n/message';
import type { Actor } from '../../../context';
import { AppError } from '../../../errors';
import { preflightPreview, readOrNotice } from '../internal/card';
import type { GamingCtx } from '../internal/ctx';
import { errorMsg } from '../internal/say';
import { activeSession, lastEnded, leaseView, toSessionDto } from '../internal/sessions';
import { guestUp, LOST, RESUME } from './proxmox-engine';
import { modesView } from '../internal/modes-view';
import { gatherFacts, gamingVmid } from './proxmox-facts';

// The card with the Proxmox backend. Never fails because of Proxmox: an unreachable host or a refused
// token becomes the card's notice, so the rest of the page keeps working.

export async function proxmoxCard(ctx: GamingCtx, actor: Actor): Promise<GamingStateDto> {
  const db = await ctx.db();
  const cfg = ctx.gaming();
  const now = ctx.now();
  const { value: vms, notice: readNotice } = await readOrNotice(() => ctx.proxmox().listVms());
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

  const preflight = await preflightPreview(power && (state === 'off' || state === 'failed') && !!vms, async () => evaluatePreflight(await gatherFacts(ctx, actor, vms!)));
  const lease = leaseView(active, now, cfg.lease);
  const detail =
    state === 'failed'
      ? readStoredMessage(ended?.failure ?? null)
      : state === 'unreachable'
        ? (notice ?? msg('srv.unreachable'))
        : active?.state === 'starting' && active.stopDev && !active.startUpid
          ? msg('srv.stoppingDev')
          : active?.state === 'starting' && active.startUpid === LOST
            ? msg('srv.answerLost')
            : active?.state === 'starting' && active.startUpid === RESUME
              ? msg('srv.resuming')
              : null;
  const modes = await modesView(ctx, actor, vms, vmid);
  const admin = can(actor.role, 'dev:power');
  return {
    state,
    // A refusing token or a missing VM is no outage: say "can't check", not "can't reach".
    label: state === 'unreachable' && notice && notice.code !== 'srv.unreachable' ? msg('srv.cantCheck') : stateLabel(state),
    detail,
    session: active ? toSessionDto(active, actor.subject) : null,
    leaseWarning: lease.leaseWarning,
    preflight,
    can: {
      // During Stopping, Start means "start again" (the same session and lease).
      start: power && reachable && (state === 'off' || state === 'failed' || state === 'stopping'),
      stop: power && (state === 'booting' || state === 'ready' || (active?.state === 'starting' && !active.startUpid)),
      extend: power && lease.extendable,
      stopConfirm: !!active && active.startedBy !== actor.subject,
      ask: power && !admin && !!preflight?.ask && !modes.requests.some((r) => r.mine),
    },
    mode: modes.mode,
    hold: modes.hold,
    requests: modes.requests,
    adminName: cfg.adminName,
    viewerIsAdmin: can(actor.role, 'dev:power'),
    notice: state === 'unreachable' ? null : notice,
    at: now.toISOString(),
  };
}

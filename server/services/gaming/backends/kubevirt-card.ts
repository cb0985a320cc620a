import 'server-only';
import { can } from '@/lib/permissions';
import { evaluateKubevirtPreflight, kubevirtCardState, startingDetail } from '@/lib/gaming/kubevirt';
import type { GamingStateDto } from '@/lib/gaming/types';
import { stateLabel } from '@/lib/gaming/words';
import { msg, readStoredMessage, type Message } from '@/lib/i18n/message';
import type { Actor } from '../../../context';
import { preflightPreview, readOrNotice } from '../internal/card';
import type { GamingCtx } from '../internal/ctx';
import { activeSession, lastEnded, leaseView, toSessionDto } from '../internal/sessions';
import { isCommitted, KUBEVIRT_VMID, kvGatherFacts, kvGuestUp, kvObserve, type KvSeen } from './kubevirt-engine';

// The gaming card with the KubeVirt backend: the session row, the VirtualMachine and its VMI. Never
// fails because of the cluster: an unreachable API server becomes the card's notice.

async function readCluster(ctx: GamingCtx): Promise<{ seen: KvSeen | null; notice: Message | null }> {
  const { value: seen, notice } = await readOrNotice(() => kvObserve(ctx));
  const k = ctx.gaming().kubevirt;
  return { seen, notice: notice ?? (seen?.vm ? null : msg('srv.kv.notOnCluster', { vm: `${k.namespace}/${k.vm}`, cluster: k.cluster })) };
}

export async function kubevirtCard(ctx: GamingCtx, actor: Actor): Promise<GamingStateDto> {
  const db = await ctx.db();
  const cfg = ctx.gaming();
  const now = ctx.now();
  const { seen, notice } = await readCluster(ctx);
  const active = await activeSession(db, KUBEVIRT_VMID);
  const ended = await lastEnded(db, KUBEVIRT_VMID);
  const guestUp = seen ? await kvGuestUp(ctx, seen.vmi) : false;
  const state = kubevirtCardState({
    reachable: seen !== null,
    vm: seen?.vm ?? null,
    vmi: seen?.vmi ?? null,
    guestUp,
    session: active,
    lastEnded: ended?.endedAt ? { endReason: ended.endReason, endedAt: ended.endedAt } : null,
    now,
  });
  const power = can(actor.role, 'gaming:power');
  const reachable = !!seen?.vm;

  const preflight = await preflightPreview(power && (state === 'off' || state === 'failed') && reachable, async () => evaluateKubevirtPreflight(await kvGatherFacts(ctx, actor)));
  const lease = leaseView(active, now, cfg.lease);
  const detail =
    state === 'failed'
      ? readStoredMessage(ended?.failure ?? null)
      : state === 'unreachable'
        ? (notice ?? msg('srv.unreachable'))
        : state === 'starting'
          ? startingDetail(active ? isCommitted(active) : true, seen?.vmi ?? null)
          : null;
  return {
    state,
    label: state === 'unreachable' && seen ? msg('srv.cantCheck') : stateLabel(state),
    detail,
    session: active ? toSessionDto(active, actor.subject) : null,
    leaseWarning: lease.leaseWarning,
    preflight,
    can: {
      start: power && reachable && (state === 'off' || state === 'failed'),
      stop: power && (state === 'booting' || state === 'ready' || (state === 'starting' && (!active || !active.startUpid || isCommitted(active)))),
      extend: power && lease.extendable,
      stopConfirm: !!active && active.startedBy !== actor.subject,
    },
    adminName: ctx.gaming().adminName,
    notice: state === 'unreachable' ? null : notice,
    at: now.toISOString(),
  };
}

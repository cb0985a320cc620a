import 'server-only';
import { evaluateKubevirtPreflight, vmiActive } from '@/lib/gaming/kubevirt';
import { msg } from '@/lib/i18n/message';
import { AppError } from '../../../errors';
import { coded, conflict } from '../internal/say';
import { activeSession, lastEnded, transition } from '../internal/sessions';
import { kubevirtCard } from './kubevirt-card';
import { isCommitted, KUBEVIRT_VMID, kvAdvance, kvClaimAndStart, kvGatherFacts, kvObserve, kvRequestShutdown, kvTarget, type KvSeen } from './kubevirt-engine';
import type { GamingBackend } from './types';

// The gaming VM is a KubeVirt VirtualMachine deployed by Argo CD: Start and Stop are commits of its
// `runStrategy` (kubevirt-engine.ts); the card follows the VMI's phase and the guest agent.

export const kubevirtBackend: GamingBackend = {
  name: 'kubevirt',
  // Start and Stop are commits to the repository the VM's manifest lives in.
  configured: (cfg) => !!cfg.github,
  target: (ctx) => kvTarget(ctx),
  card: kubevirtCard,

  async plan(ctx, actor) {
    ctx.github(); // not configured → 503 now, before any session exists
    const facts = await kvGatherFacts(ctx, actor);
    // Already running or on its way (started by a commit or virtctl outside the panel): adopt it.
    const adopt = vmiActive(facts.vmi);
    const pf = adopt ? null : evaluateKubevirtPreflight(facts);
    return {
      vmid: KUBEVIRT_VMID,
      adopt,
      preflight: pf,
      session: { state: adopt && facts.vmi?.phase === 'Running' ? 'booting' : 'starting', startUpid: adopt ? 'commit:none' : null, stopDev: false },
      details: { backend: 'kubevirt' },
    };
  },

  begin: (ctx, row) => kvClaimAndStart(ctx, row),

  async stop(ctx, actor, row, audit) {
    const db = await ctx.db();
    const now = ctx.now();
    if (row.state === 'starting' && !row.startUpid) {
      // Nothing committed yet: stopping means cancelling.
      const cancelled = await transition(db, row.id, ['starting'], { state: 'ended', endedAt: now, endReason: 'cancelled', stoppedBy: actor.subject, stoppedByName: actor.name }, { startUpid: null });
      if (!cancelled) throw conflict(ctx, msg('srv.stop.starting'));
      return audit({ outcome: 'ok', details: { cancelled: true } });
    }
    if (row.state === 'stopping') return;
    if (row.state === 'starting' && !isCommitted(row)) throw conflict(ctx, msg('srv.stop.starting'));
    const from = row.state;
    const won = await transition(db, row.id, [from], { state: 'stopping', stopRequestedAt: now, stoppedBy: actor.subject, stoppedByName: actor.name, endReason: 'stopped' });
    if (!won) return;
    try {
      const r = await kvRequestShutdown(ctx, row, actor.name);
      await audit({ outcome: 'ok', details: { commit: r.sha } });
    } catch (e) {
      // Nothing was committed: the VM keeps running, so the session goes back to what it was.
      await transition(db, row.id, ['stopping'], { state: from, stopRequestedAt: null, stoppedBy: null, stoppedByName: null, endReason: null });
      if (e instanceof AppError) await audit({ outcome: 'failed', details: { reason: e.message } });
      throw coded(e);
    }
  },

  async unowned(ctx) {
    const { vmi } = await kvObserve(ctx);
    return vmiActive(vmi) ? { vmid: KUBEVIRT_VMID, startUpid: 'commit:none' } : null;
  },

  advance: (ctx, row) => kvAdvance(ctx, row),

  async shutdown(ctx, row, by) {
    const r = await kvRequestShutdown(ctx, row, by);
    return { commit: r.sha };
  },
  stopFailureReverts: true,
  // The cluster API gives no guest network counters: no idle shutdown (docs/gaming.md).
  netoutBytes: async () => undefined,

  async look(ctx) {
    const db = await ctx.db();
    let row = await activeSession(db, KUBEVIRT_VMID);
    let seen: KvSeen | null = null;
    try {
      seen = await kvObserve(ctx);
      if (row && row.state !== 'ended') {
        await kvAdvance(ctx, row, seen);
        row = await activeSession(db, KUBEVIRT_VMID);
      }
    } catch {
      // The cluster is not answering: the picture says so (seen === null).
    }
    const ended = await lastEnded(db, KUBEVIRT_VMID);
    const vmi = seen?.vmi;
    return {
      row,
      picture: [row?.id, row?.state, row?.startUpid, row?.leaseEndsAt, row?.warnedAt, seen === null, seen?.vm?.printableStatus, vmi?.phase, vmi?.agentConnected, vmi?.unschedulable?.message, ended?.id],
      state: row?.state ?? vmi?.phase ?? 'off',
    };
  },
};

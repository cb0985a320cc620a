import 'server-only';
import { initialLeaseEnd } from '@/lib/gaming/lease';
import type { VmStatus } from '../../../clients/proxmox/power';
import type { Db } from '../../../db';
import { log } from '../../../log';
import { recordAudit } from '../../audit/internal/record-audit';
import type { GamingCtx } from './ctx';
import { changed } from './outcome';
import { english } from './say';
import { activeSession, firstName, isUniqueViolation, lastEnded, type SessionRow } from './sessions';
import { msg } from '@/lib/i18n/message';

// The homelab's modes (architecture §8): normal = DEV off; testing = DEV + PROD; gaming = the gaming
// VM + PROD, DEV off. The host can't hold DEV and the gaming VM together, so a start in testing mode
// switches to gaming mode (DEV shut down first, see proxmox-engine.shutDownDev) and the end of that
// session switches back (restoreDev) — unless the admin holds DEV ("I'm testing until 21:00").
// Also here: adopting a gaming VM found running without a session, so a lease shuts it down.

export const SYSTEM = { actor: 'system:gaming', actorName: 'Panel', role: 'none' as const };

export type Mode = 'normal' | 'testing' | 'gaming';

export function modeOf(vms: VmStatus[], gamingVmid: number | null, devTag: string): Mode {
  if (vms.some((v) => v.vmid === gamingVmid && v.running)) return 'gaming';
  return vms.some((v) => v.running && v.tags.includes(devTag)) ? 'testing' : 'normal';
}

/** The admin's hold on DEV, when still ahead. */
export async function activeHold(db: Db, now: Date): Promise<{ until: Date; setBy: string; setByName: string } | null> {
  const h = await db.devHold.findUnique({ where: { id: 'dev' } });
  return h && h.until > now ? h : null;
}

/**
 * A session that shut DEV down has ended: start DEV's VMs again, once (the claim on dev_restored_at),
 * and only once the gaming VM is really off (the host can't hold both). Called by the monitor on
 * every replica and the leader's job: whoever claims first does it.
 */
export async function restoreDev(ctx: GamingCtx, vms: VmStatus[]): Promise<void> {
  const db = await ctx.db();
  const cfg = ctx.gaming();
  const due = await db.gamingSession.findFirst({ where: { stopDev: true, devRestoredAt: null, NOT: { endedAt: null } }, orderBy: { endedAt: 'desc' } });
  if (!due) return;
  if (!cfg.restoreDev || (await activeSession(db))) {
    // Another game runs (it keeps DEV off), or the admin doesn't want DEV back by itself: nothing to restore.
    await db.gamingSession.updateMany({ where: { stopDev: true, devRestoredAt: null, NOT: { endedAt: null } }, data: { devRestoredAt: ctx.now() } });
    return;
  }
  if (vms.some((v) => v.vmid === due.vmid && v.running)) return; // still shutting down: next look
  const claimed = await db.gamingSession.updateMany({ where: { stopDev: true, devRestoredAt: null, NOT: { endedAt: null } }, data: { devRestoredAt: ctx.now() } });
  if (claimed.count === 0) return;
  const targets = due.devVmids.filter((id) => vms.some((v) => v.vmid === id && !v.running));
  const started: number[] = [];
  let error: string | null = null;
  for (const vmid of targets) {
    try {
      await ctx.proxmox().start(vmid);
      started.push(vmid);
    } catch (e) {
      error = (e as Error).message;
    }
  }
  await recordAudit(db, { ...SYSTEM, action: 'dev.start', target: 'dev-cluster', outcome: error ? 'failed' : 'ok', details: { session: due.id, reason: 'the game ended (back to testing mode)', vms: started, ...(error ? { error } : {}) } });
  if (error) log.warn({ session: due.id, err: error }, 'DEV could not be started again after the game');
  await ctx.notify(null, 'DEV cluster back on', error ? `The game ended, but the DEV cluster could not be started again: ${error}` : `${firstName(due.startedByName)}'s game ended; the DEV cluster is starting again.`, '/capacity');
  await changed(ctx);
}

/**
 * The gaming VM runs with no active session (a start whose answer was lost, a start from Proxmox
 * itself, onboot): open a session for it, with a lease, so it is shown and shut down like any other.
 * Who: the last session's starter if it ended moments before the VM came up (a lost answer), else
 * unknown ("Proxmox"); when: from the VM's uptime.
 */
export async function adoptRunning(ctx: GamingCtx, vm: VmStatus): Promise<SessionRow | null> {
  const db = await ctx.db();
  const cfg = ctx.gaming();
  const now = ctx.now();
  const last = await lastEnded(db, vm.vmid);
  // A start that failed while the VM ran (Windows never answered) is followed by a hard stop: not a new game.
  // Every other end saw the VM off, so a VM running now was started again.
  if (last?.endedAt && last.endReason === 'failed' && now.getTime() - last.endedAt.getTime() < cfg.adoptAfterSeconds * 1000) return null;
  const startedAt = new Date(now.getTime() - Math.max(0, vm.uptimeSeconds) * 1000);
  // A failed start of the same person just before the VM came up: it was theirs.
  const theirs = last && last.endReason === 'failed' && last.startedAt.getTime() >= startedAt.getTime() - 10 * 60_000 ? last : null;
  const who = theirs ? { startedBy: theirs.startedBy, startedByName: theirs.startedByName, startedByRole: theirs.startedByRole } : { startedBy: 'system:proxmox', startedByName: 'Proxmox', startedByRole: 'none' as const };
  try {
    const row = await db.gamingSession.create({
      data: { vmid: vm.vmid, state: 'booting', startUpid: null, adopted: true, ...who, startedAt, leaseEndsAt: initialLeaseEnd(now, cfg.lease) },
    });
    await recordAudit(db, { ...SYSTEM, action: 'gaming.adopt', target: `vm/${vm.vmid}`, outcome: 'ok', details: { session: row.id, startedBy: who.startedByName, uptimeSeconds: vm.uptimeSeconds, leaseEndsAt: row.leaseEndsAt.toISOString() } });
    // The card first (it waits on this event), the notification after.
    await changed(ctx);
    await ctx.notify(theirs ? theirs.startedBy : null, 'Gaming PC found running', english(ctx, msg('srv.adopted.note', { time: { at: row.leaseEndsAt.toISOString() } })));
    return row;
  } catch (e) {
    if (isUniqueViolation(e)) return null; // another replica adopted it first
    throw e;
  }
}

import 'server-only';
import { clock } from '@/lib/gaming/time';
import { msg, storeMessage, type Message } from '@/lib/i18n/message';
import { log } from '../../../log';
import { recordAudit } from '../../audit/internal/record-audit';
import type { GamingCtx } from './ctx';
import { english } from './say';
import { transition, type SessionRow } from './sessions';

// What every backend does when a session changes or fails: publish, wake the monitor, and for a
// failed start an audit row and a note to its starter.

export async function changed(ctx: GamingCtx) {
  ctx.publish('gaming', { at: ctx.now().toISOString() });
  ctx.wake();
}

/**
 * Ends a starting/booting session as "Can't start", with an audit row and a note to its starter. The
 * failure column keeps the message as JSON (storeMessage); audit, log and ntfy get its English.
 * `target`: the VM as the backend names it. `raw`: Proxmox's own words (a string), or upstream details for the audit row.
 */
export async function failSession(ctx: GamingCtx, target: string, row: SessionRow, failure: Message, raw?: string | Record<string, unknown>): Promise<boolean> {
  const db = await ctx.db();
  const message = english(ctx, failure);
  const won = await transition(db, row.id, ['starting', 'booting'], { state: 'ended', endedAt: ctx.now(), endReason: 'failed', failure: storeMessage(failure) });
  if (!won) return false;
  await recordAudit(db, {
    actor: row.startedBy,
    actorName: row.startedByName,
    role: row.startedByRole,
    action: 'gaming.start',
    target,
    outcome: 'failed',
    details: { session: row.id, reason: message, ...(typeof raw === 'string' ? { proxmox: raw } : (raw ?? {})) },
  });
  log.warn({ session: row.id, reason: typeof raw === 'string' ? raw : message }, 'gaming VM could not start');
  await ctx.notify(row.startedBy, "The gaming PC can't start", message);
  await changed(ctx);
  return true;
}

/** The session just became ready: its starter is told once (the key), in their language, with the lease's end. */
export async function announceReady(ctx: GamingCtx, row: SessionRow): Promise<void> {
  await ctx.notify(row.startedBy, msg('nt.gamingReady.title'), msg('nt.gamingReady.body', { time: clock(row.leaseEndsAt, ctx.gaming().timeZone) }), '/gaming', { event: 'gaming.ready', key: `gaming.ready:${row.id}`, expiresAt: row.leaseEndsAt });
}

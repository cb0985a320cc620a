import 'server-only';
import { retryDelayMs } from '@/lib/notify/prefs';
import type { Db } from '../db';
import { log } from '../log';
import { deliver, Gone } from './deliver';
import type { NotifySettings } from './settings';

// The leader's dispatcher: sends the outbox rows that are due, each claimed by one conditional
// UPDATE (a second dispatcher — two leaders for a moment — skips it). A failure is retried after an
// exponential back-off until `maxAttempts`, then the row is `failed` and shown to the admin.

const BATCH = 50;
/** A claimed row whose sender died is tried again after this long. */
const CLAIM_MS = 60_000;

export interface DispatchResult {
  sent: number;
  retrying: number;
  failed: number;
  expired: number;
}

export async function dispatchDue(db: Db, s: NotifySettings, now = new Date()): Promise<DispatchResult> {
  const r: DispatchResult = { sent: 0, retrying: 0, failed: 0, expired: 0 };
  const expired = await db.notificationOutbox.updateMany({ where: { state: 'pending', expiresAt: { lt: now } }, data: { state: 'expired' } });
  r.expired = expired.count;
  const due = await db.notificationOutbox.findMany({ where: { state: 'pending', nextAttemptAt: { lte: now } }, orderBy: { id: 'asc' }, take: BATCH });
  const max = s.notifications.maxAttempts;
  await Promise.all(
    due.map(async (row) => {
      const attempt = row.attempts + 1;
      const claimed = await db.notificationOutbox.updateMany({
        where: { id: row.id, state: 'pending', attempts: row.attempts },
        data: { attempts: attempt, nextAttemptAt: new Date(now.getTime() + CLAIM_MS) },
      });
      if (claimed.count === 0) return;
      try {
        await deliver(db, s, row);
        await db.notificationOutbox.updateMany({ where: { id: row.id }, data: { state: 'sent', sentAt: new Date(), lastError: null } });
        r.sent++;
      } catch (e) {
        const error = (e as Error).message.slice(0, 500);
        const giveUp = e instanceof Gone || attempt >= max;
        await db.notificationOutbox.updateMany({
          where: { id: row.id },
          data: giveUp ? { state: 'failed', lastError: error } : { lastError: error, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempt, s.notifications.retryBaseSeconds * 1000)) },
        });
        if (giveUp) r.failed++;
        else r.retrying++;
        log.warn({ target: row.channel, outbox: String(row.id), attempt, err: error }, giveUp ? 'notification not delivered; giving up' : 'notification not delivered; will retry');
      }
    }),
  );
  return r;
}

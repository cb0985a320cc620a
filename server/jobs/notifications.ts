import 'server-only';
import { db } from '../db';
import { config } from '../env';
import { dispatchDue } from '../notify/dispatch';
import { notifySettings } from '../notify/settings';
import { announceReady } from '../services/promotions/internal/announce';
import { jobCtx } from './promotions';
import { runAsLeader, type JobHandle } from './leader';

// Background jobs of notifications, each on one replica (job lease): the dispatcher sends what the
// outbox holds (every notifications.dispatchEverySeconds); the announcer (`notifications.ready`) queues "ready to approve"
// for candidates whose soak passed (every notifications.readyCheckSeconds, when promotions are configured).

const g = globalThis as unknown as { __notificationJobs?: JobHandle };

export function ensureNotificationJobs(): void {
  if (g.__notificationJobs) return;
  const cfg = config();
  const s = notifySettings();
  const jobs = [runAsLeader(db, 'notifications.dispatch', cfg.notifications.dispatchEverySeconds * 1000, async (client) => void (await dispatchDue(client, s)))];
  if (cfg.github && cfg.argocd) {
    const ctx = jobCtx();
    jobs.push(runAsLeader(db, 'notifications.ready', cfg.notifications.readyCheckSeconds * 1000, async () => void (await announceReady(ctx, s))));
  }
  g.__notificationJobs = { stop: () => jobs.forEach((j) => j.stop()) };
}

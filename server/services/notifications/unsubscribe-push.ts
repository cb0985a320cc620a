import 'server-only';
import { UnsubscribeSchema } from '@/lib/notify/prefs';
import { requirePermission } from '../../auth/guard';
import { requestCtx } from '../../context';
import { parseInput } from '../../validation';
import { recordAudit } from '../audit/internal/record-audit';
import { notifyCtx, type NotifyCtx } from './internal/settings';

// DELETE /api/notifications/push — this device no longer receives notifications. Only one's own
// device; a second call (double click) removes nothing more and is not an error.
export async function unsubscribePush(input: unknown, ctx: NotifyCtx = notifyCtx(requestCtx())): Promise<{ removed: boolean }> {
  const actor = await requirePermission('home:view', ctx);
  const { endpoint } = parseInput(UnsubscribeSchema, input);
  const db = await ctx.db();
  const { count } = await db.pushSubscription.deleteMany({ where: { endpoint, subject: actor.subject } });
  await recordAudit(db, { actor: actor.subject, actorName: actor.name, role: actor.role, action: 'notifications.push.unsubscribe', target: actor.subject, outcome: 'ok', details: { host: new URL(endpoint).host, removed: count }, ip: await ctx.ip() });
  return { removed: count > 0 };
}

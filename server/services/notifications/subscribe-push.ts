import 'server-only';
import { SubscriptionSchema } from '@/lib/notify/prefs';
import { requirePermission } from '../../auth/guard';
import { requestCtx } from '../../context';
import { ConflictError, ValidationError } from '../../errors';
import { parseInput } from '../../validation';
import { recordAudit } from '../audit/internal/record-audit';
import { notifyCtx, type NotifyCtx } from './internal/settings';

const MAX_PER_PERSON = 10;

function allowed(endpoint: string, hosts: string[]): boolean {
  const host = new URL(endpoint).host;
  return hosts.some((h) => (h.startsWith('*.') ? host.endsWith(h.slice(1)) : host === h));
}

// POST /api/notifications/push — signs this device up for Web Push (the browser's PushSubscription).
// The endpoint is unique: subscribing twice (a double click, a reload) updates the one row, and a
// device handed to someone else follows its new owner. Only the push services of
// notifications.webPush.allowedHosts are accepted: the panel never posts to an arbitrary URL.
export async function subscribePush(input: unknown, ctx: NotifyCtx = notifyCtx(requestCtx())): Promise<{ subscribed: true; devices: number }> {
  const actor = await requirePermission('home:view', ctx);
  const db = await ctx.db();
  const audit = async (outcome: 'ok' | 'denied', details: Record<string, unknown>) =>
    recordAudit(db, { actor: actor.subject, actorName: actor.name, role: actor.role, action: 'notifications.push.subscribe', target: actor.subject, outcome, details, ip: await ctx.ip() });
  const w = ctx.notifySettings().notifications.webPush;
  if (!w) throw new ConflictError('Web Push is not set up on this panel (notifications.webPush: VAPID keys).');
  const sub = parseInput(SubscriptionSchema, input);
  const host = new URL(sub.endpoint).host;
  if (!allowed(sub.endpoint, w.allowedHosts)) {
    await audit('denied', { reason: 'push service not allowed', host });
    throw new ValidationError(`This push service (${host}) is not one the panel sends to (notifications.webPush.allowedHosts).`);
  }
  const key = Buffer.from(sub.keys.p256dh, 'base64url');
  if (key.length !== 65 || key[0] !== 4 || Buffer.from(sub.keys.auth, 'base64url').length !== 16) {
    await audit('denied', { reason: 'malformed keys', host });
    throw new ValidationError('The subscription’s keys are not a P-256 public key and a 16-byte auth secret.');
  }
  const data = { subject: actor.subject, p256dh: sub.keys.p256dh, auth: sub.keys.auth };
  await db.pushSubscription.upsert({ where: { endpoint: sub.endpoint }, create: { endpoint: sub.endpoint, ...data }, update: data });
  // Bounded per person: the oldest devices go first.
  const extra = await db.pushSubscription.findMany({ where: { subject: actor.subject }, orderBy: { createdAt: 'desc' }, skip: MAX_PER_PERSON, select: { id: true } });
  if (extra.length) await db.pushSubscription.deleteMany({ where: { id: { in: extra.map((x) => x.id) } } });
  await audit('ok', { host });
  return { subscribed: true, devices: await db.pushSubscription.count({ where: { subject: actor.subject } }) };
}

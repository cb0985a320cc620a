import 'server-only';
import { PreferencesSchema, type PreferencesDto } from '@/lib/notify/prefs';
import { requirePermission } from '../../auth/guard';
import { requestCtx } from '../../context';
import { parseInput } from '../../validation';
import { recordAudit } from '../audit/internal/record-audit';
import { getNotificationSettings } from './get-notification-settings';
import { notifyCtx, type NotifyCtx } from './internal/settings';

// PUT /api/notifications/settings — which events on which channel, quiet hours, and the page's
// language (remembered on the user, so messages are written in it). Last write wins (one row per person).
export async function saveNotificationPreferences(input: unknown, ctx: NotifyCtx = notifyCtx(requestCtx())): Promise<PreferencesDto> {
  const actor = await requirePermission('home:view', ctx);
  const p = parseInput(PreferencesSchema, input);
  const db = await ctx.db();
  const data = { events: p.events as object, quietStart: p.quietStart, quietEnd: p.quietEnd, updatedAt: new Date() };
  await db.notificationPreference.upsert({ where: { subject: actor.subject }, create: { subject: actor.subject, ...data }, update: data });
  if (p.locale) await db.user.updateMany({ where: { subject: actor.subject }, data: { locale: p.locale } });
  await recordAudit(db, { actor: actor.subject, actorName: actor.name, role: actor.role, action: 'notifications.preferences', target: actor.subject, outcome: 'ok', details: { events: p.events, quietStart: p.quietStart, quietEnd: p.quietEnd, locale: p.locale }, ip: await ctx.ip() });
  return getNotificationSettings(ctx);
}

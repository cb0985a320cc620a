import 'server-only';
import { choicesFor, NOTIFY_EVENTS, type NotifyEvent, type PreferencesDto, type ChannelChoices } from '@/lib/notify/prefs';
import { requirePermission } from '../../auth/guard';
import { requestCtx } from '../../context';
import { availableFor, notifyCtx, type NotifyCtx } from './internal/settings';

// GET /api/notifications/settings — the signed-in person's preferences, what they may choose, the
// VAPID public key (for PushManager.subscribe) and how many of their devices are signed up.
export async function getNotificationSettings(ctx: NotifyCtx = notifyCtx(requestCtx())): Promise<PreferencesDto> {
  const actor = await requirePermission('home:view', ctx);
  const db = await ctx.db();
  const s = ctx.notifySettings();
  const [p, subscriptions] = await Promise.all([db.notificationPreference.findUnique({ where: { subject: actor.subject } }), db.pushSubscription.count({ where: { subject: actor.subject } })]);
  const stored = (p?.events ?? null) as Record<string, Partial<ChannelChoices>> | null;
  const events = Object.fromEntries(NOTIFY_EVENTS.map((e) => [e, choicesFor(stored, e)])) as Record<NotifyEvent, ChannelChoices>;
  return {
    events,
    quietStart: p?.quietStart ?? null,
    quietEnd: p?.quietEnd ?? null,
    available: availableFor(actor.role, s),
    webPush: { publicKey: s.notifications.webPush?.publicKey ?? null, subscriptions },
    timeZone: s.timeZone,
  };
}

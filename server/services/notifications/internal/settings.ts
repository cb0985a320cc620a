import 'server-only';
import { EVENT_ROLES, CHANNEL_ROLES, NOTIFY_CHANNELS, NOTIFY_EVENTS, type NotifyChannel, type NotifyEvent } from '@/lib/notify/prefs';
import type { Role } from '@/lib/roles';
import type { NotifySettings } from '../../../notify/settings';
import { notifySettings } from '../../../notify/settings';
import type { Ctx } from '../../../context';

// The notification services' context: the request's, plus where notifications can go (tests pass their own).
export interface NotifyCtx extends Ctx {
  notifySettings(): NotifySettings;
}

export function notifyCtx(base: Ctx): NotifyCtx {
  return { ...base, notifySettings };
}

/** Events and channels a person may choose from: by role, and only channels that are configured. */
export function availableFor(role: Role, s: NotifySettings): { events: NotifyEvent[]; channels: NotifyChannel[] } {
  const configured: Record<NotifyChannel, boolean> = { webpush: !!s.notifications.webPush, ntfy: !!(s.admin.ntfy || s.gamingNtfy), telegram: !!s.admin.telegram };
  return {
    events: NOTIFY_EVENTS.filter((e) => EVENT_ROLES[e].includes(role)),
    channels: NOTIFY_CHANNELS.filter((c) => configured[c] && CHANNEL_ROLES[c].includes(role)),
  };
}

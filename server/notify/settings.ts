import 'server-only';
import type { GamingConfig } from '@/lib/gaming/config';
import type { PromotionConfig } from '@/lib/promotions/config';
import { config, type Config } from '../env';

// What the notification outbox needs from homelab.yaml, gathered once so tests can pass their own.
export interface NotifySettings {
  publicUrl: string;
  timeZone: string;
  notifications: Config['notifications'];
  /** The admin's ntfy topic and Telegram chat (`promotion.notify`). */
  admin: PromotionConfig['notify'];
  /** Per-person ntfy topics (`gaming.ntfy`). */
  gamingNtfy: GamingConfig['ntfy'];
}

export function notifySettings(): NotifySettings {
  const c = config();
  return { publicUrl: c.server.publicUrl, timeZone: c.server.timeZone, notifications: c.notifications, admin: c.promotion.notify, gamingNtfy: c.gaming.ntfy };
}

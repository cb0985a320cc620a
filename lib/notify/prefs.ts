// Notifications (issue 16), pure: the events a person can be told about, the channels, their
// preferences (which events on which channel, quiet hours), quiet-hours and retry maths.
import { z } from 'zod';
import type { Role } from '../roles';

export const NOTIFY_EVENTS = ['promotion.ready', 'promotion.state', 'gaming.ready', 'gaming.leaseEnding', 'gaming.other'] as const;
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];
export const NOTIFY_CHANNELS = ['webpush', 'ntfy', 'telegram'] as const;
export type NotifyChannel = (typeof NOTIFY_CHANNELS)[number];

/** Who may receive an event: promotions are the admin's; gaming events go to whoever started the PC (and the admin). */
export const EVENT_ROLES: Record<NotifyEvent, Role[]> = {
  'promotion.ready': ['admin'],
  'promotion.state': ['admin'],
  'gaming.ready': ['admin', 'family'],
  'gaming.leaseEnding': ['admin', 'family'],
  'gaming.other': ['admin', 'family'],
};
/** Telegram is one chat, the admin's (promotion.notify.telegram). */
export const CHANNEL_ROLES: Record<NotifyChannel, Role[]> = { webpush: ['admin', 'family'], ntfy: ['admin', 'family'], telegram: ['admin'] };

const Hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time like 22:00');
const ChannelChoice = z.object({ webpush: z.boolean(), ntfy: z.boolean(), telegram: z.boolean() }).strict();

export const PreferencesSchema = z
  .object({
    events: z.partialRecord(z.enum(NOTIFY_EVENTS), ChannelChoice).default({}),
    quietStart: Hhmm.nullable().default(null),
    quietEnd: Hhmm.nullable().default(null),
    /** The page's language, remembered so notifications are written in it. */
    locale: z.enum(['en', 'fr']).optional(),
  })
  .strict()
  .refine((p) => (p.quietStart === null) === (p.quietEnd === null), { message: 'give both ends of the quiet hours, or neither', path: ['quietEnd'] })
  .refine((p) => p.quietStart === null || p.quietStart !== p.quietEnd, { message: 'quiet hours must not start and end at the same time', path: ['quietEnd'] });

export type Preferences = z.output<typeof PreferencesSchema>;
export type ChannelChoices = z.infer<typeof ChannelChoice>;

export interface PreferencesDto {
  events: Record<NotifyEvent, ChannelChoices>;
  quietStart: string | null;
  quietEnd: string | null;
  /** Events and channels this person may choose from (by role and configuration). */
  available: { events: NotifyEvent[]; channels: NotifyChannel[] };
  webPush: { publicKey: string | null; subscriptions: number };
  timeZone: string;
}

export interface DeliveryFailureDto {
  id: string;
  event: string;
  channel: NotifyChannel;
  recipient: string | null;
  title: string;
  attempts: number;
  lastError: string | null;
  state: 'failed' | 'pending';
  createdAt: string;
}

/** Everything on unless the person turned it off. */
export function choicesFor(stored: Partial<Record<string, Partial<ChannelChoices>>> | null | undefined, event: NotifyEvent): ChannelChoices {
  const c = stored?.[event] ?? {};
  return { webpush: c.webpush ?? true, ntfy: c.ntfy ?? true, telegram: c.telegram ?? true };
}

export const SubscriptionSchema = z
  .object({
    endpoint: z.url({ protocol: /^https$/, error: 'expected the push service https:// endpoint' }).max(2000),
    keys: z
      .object({
        p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}={0,2}$/, 'expected the browser’s P-256 key (base64url)'),
        auth: z.string().regex(/^[A-Za-z0-9_-]{16,32}={0,2}$/, 'expected the browser’s auth secret (base64url)'),
      })
      .strict(),
    expirationTime: z.number().nullable().optional(),
  })
  .strict();
export const UnsubscribeSchema = z.object({ endpoint: z.url().max(2000) }).strict();

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Minutes since midnight of `now` in `timeZone` (fractional). */
export function localMinutes(now: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return get('hour') * 60 + get('minute') + get('second') / 60;
}

/** When quiet hours are on at `now`, the moment they end; else null. A span may cross midnight ("22:00"–"07:00"). */
export function quietUntil(now: Date, quiet: { start: string | null; end: string | null }, timeZone: string): Date | null {
  if (!quiet.start || !quiet.end) return null;
  const n = localMinutes(now, timeZone);
  const s = minutes(quiet.start);
  const e = minutes(quiet.end);
  const inside = s < e ? n >= s && n < e : n >= s || n < e;
  if (!inside) return null;
  const left = (e - n + 1440) % 1440;
  return new Date(now.getTime() + Math.ceil(left * 60_000));
}

/** Retry bound: exponential back-off from `baseMs`, capped at one hour. `attempts` counts the failed tries. */
export function retryDelayMs(attempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

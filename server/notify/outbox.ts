import 'server-only';
import { randomUUID } from 'node:crypto';
import { DEFAULT_LOCALE, isLocale, type Locale } from '@/lib/i18n';
import { translator } from '@/lib/i18n/catalogue';
import { formatMessage, type Message } from '@/lib/i18n/message';
import { CHANNEL_ROLES, choicesFor, quietUntil, type NotifyChannel, type NotifyEvent } from '@/lib/notify/prefs';
import type { Role } from '@/lib/roles';
import type { Db } from '../db';
import type { NotifySettings } from './settings';

// The durable outbox (issue 16): a notice becomes one row per channel and target, written in the
// recipient's language, held during their quiet hours. The leader's dispatcher (./dispatch.ts) sends
// what is due and retries with a bound. A (key, channel, target) is queued once: announcing the same
// event twice — a second tick, a second leader, a restart — adds nothing.

export interface OutgoingNotice {
  event: NotifyEvent;
  /** A person (Keycloak subject, or their e-mail/username as gaming.ntfy.topics keys it); null = the admin(s). */
  to: string | null;
  title: string | Message;
  body: string | Message;
  /** A path on the panel (`/promotions/…`), sent as an absolute link. */
  path?: string;
  priority?: 'default' | 'high';
  /** Exactly once per key. Without a key every call is a new message. */
  key?: string;
  /** A message still waiting (quiet hours, retries) after this is dropped: "10 minutes left" is useless later. */
  expiresAt?: Date;
}

interface Recipient {
  subject: string | null;
  /** ntfy topics may be keyed by subject, e-mail or username. */
  keys: string[];
  role: Role;
  locale: Locale;
  events: Record<string, unknown> | null;
  quiet: { start: string | null; end: string | null };
}

async function recipientsOf(db: Db, to: string | null): Promise<Recipient[]> {
  const users = to === null ? await db.user.findMany({ where: { role: 'admin' } }) : await db.user.findMany({ where: { OR: [{ subject: to }, { email: to }, { username: to }] }, take: 1 });
  const prefs = await db.notificationPreference.findMany({ where: { subject: { in: users.map((u) => u.subject) } } });
  const out: Recipient[] = users.map((u) => {
    const p = prefs.find((x) => x.subject === u.subject);
    return {
      subject: u.subject,
      keys: [u.subject, u.username, u.email, u.email?.toLowerCase()].filter((k): k is string => !!k),
      role: u.role,
      locale: isLocale(u.locale) ? u.locale : DEFAULT_LOCALE,
      events: (p?.events as Record<string, unknown> | undefined) ?? null,
      quiet: { start: p?.quietStart ?? null, end: p?.quietEnd ?? null },
    };
  });
  // Nobody known yet (the admin never signed in, or the starter's row is missing): the configured
  // targets still get the message, in the default language.
  if (out.length === 0) out.push({ subject: null, keys: to ? [to] : [], role: to === null ? 'admin' : 'family', locale: DEFAULT_LOCALE, events: null, quiet: { start: null, end: null } });
  return out;
}

/** The targets of one channel for one recipient: ntfy topics and the Telegram chat by name, push subscriptions by id. */
async function targetsOf(db: Db, s: NotifySettings, n: OutgoingNotice, r: Recipient, channel: NotifyChannel): Promise<string[]> {
  if (!CHANNEL_ROLES[channel].includes(r.role)) return [];
  const forAdmin = n.to === null;
  if (channel === 'webpush') {
    if (!s.notifications.webPush || !r.subject) return [];
    return (await db.pushSubscription.findMany({ where: { subject: r.subject }, select: { id: true } })).map((x) => x.id);
  }
  if (channel === 'telegram') return forAdmin && s.admin.telegram ? ['admin'] : [];
  // ntfy: promotions go to promotion.notify.ntfy; gaming news to the person's topic (gaming.ntfy.topics) or the admin topic.
  if (n.event.startsWith('promotion.')) return s.admin.ntfy ? ['admin'] : [];
  const g = s.gamingNtfy;
  if (!g) return [];
  const topic = forAdmin ? g.adminTopic : r.keys.map((k) => g.topics[k]).find(Boolean);
  return topic ? [`gaming:${topic}`] : [];
}

function words(v: string | Message, locale: Locale, timeZone: string): string {
  return typeof v === 'string' ? v : formatMessage(v, translator(locale), locale, timeZone);
}

/** Queues a notice for every recipient, channel and target their preferences allow. Returns the rows added. */
export async function enqueueNotice(db: Db, s: NotifySettings, n: OutgoingNotice, now = new Date()): Promise<number> {
  const key = n.key ?? `${n.event}:${randomUUID()}`;
  const rows = [];
  for (const r of await recipientsOf(db, n.to)) {
    const choices = choicesFor(r.events as never, n.event);
    const due = quietUntil(now, r.quiet, s.timeZone) ?? now;
    if (n.expiresAt && due > n.expiresAt) continue;
    for (const channel of ['webpush', 'ntfy', 'telegram'] as const) {
      if (!choices[channel]) continue;
      for (const target of await targetsOf(db, s, n, r, channel)) {
        rows.push({
          dedupeKey: key,
          event: n.event,
          recipient: r.subject,
          channel,
          target,
          locale: r.locale,
          title: words(n.title, r.locale, s.timeZone).slice(0, 200),
          body: words(n.body, r.locale, s.timeZone).slice(0, 1000),
          link: n.path ? `${s.publicUrl.replace(/\/$/, '')}${n.path}` : null,
          priority: n.priority ?? 'default',
          nextAttemptAt: due,
          expiresAt: n.expiresAt ?? null,
        });
      }
    }
  }
  if (rows.length === 0) return 0;
  const { count } = await db.notificationOutbox.createMany({ data: rows, skipDuplicates: true });
  return count;
}

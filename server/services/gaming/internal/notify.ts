import 'server-only';
import type { GamingConfig } from '@/lib/gaming/config';
import type { Message } from '@/lib/i18n/message';
import { db } from '../../../db';
import { log } from '../../../log';
import { publishNtfy } from '../../../notify/ntfy';

/** The person's topic: `gaming.ntfy.topics` is keyed by Keycloak username or e-mail (or subject). */
async function topicOf(cfg: NonNullable<GamingConfig['ntfy']>, subject: string): Promise<string | undefined> {
  if (cfg.topics[subject]) return cfg.topics[subject];
  const user = await (await db()).user.findUnique({ where: { subject }, select: { username: true, email: true } });
  const keys = [user?.username, user?.email, user?.email?.toLowerCase()].filter((k): k is string => !!k);
  return keys.map((k) => cfg.topics[k]).find(Boolean);
}

// ntfy push (optional), as JSON so any title is safe. A failed notification is logged and never
// fails the action that sent it.
export async function notifyNtfy(cfg: GamingConfig['ntfy'], to: string | null, title: string, message: string, click?: string): Promise<void> {
  if (!cfg) return;
  try {
    const topic = to === null ? cfg.adminTopic : await topicOf(cfg, to);
    if (!topic) return;
    await publishNtfy(cfg.url, cfg.token, { topic, title, message, tags: ['video_game'], ...(click ? { click } : {}) });
  } catch (e) {
    log.warn({ err: (e as Error).message }, 'ntfy not reachable');
  }
}

export interface NoticeOptions {
  /** Which preference it falls under (default: other gaming news). */
  event?: 'gaming.ready' | 'gaming.leaseEnding' | 'gaming.other';
  /** Exactly once per key (see server/notify/outbox.ts). */
  key?: string;
  /** Dropped if still waiting (quiet hours, retries) after this. */
  expiresAt?: Date;
}

// The gaming ctx's sender (issue 16): through the outbox, so the person gets it on the channels they
// chose (Web Push, their ntfy topic), in their language, retried with a bound. Plain strings are
// sent as they are; coded messages are said in the recipient's language. Never throws.
export async function notifyPerson(to: string | null, title: string | Message, message: string | Message, link?: string, opts: NoticeOptions = {}): Promise<void> {
  try {
    const { enqueueNotice } = await import('../../../notify/outbox');
    const { notifySettings } = await import('../../../notify/settings');
    await enqueueNotice(await db(), notifySettings(), { event: opts.event ?? 'gaming.other', to, title, body: message, path: link ?? '/gaming', key: opts.key, expiresAt: opts.expiresAt });
  } catch (e) {
    log.warn({ err: (e as Error).message }, 'gaming notification not queued');
  }
}

import 'server-only';
import type { PromotionConfig } from '@/lib/promotions/config';
import { log } from '../log';
import { publishNtfy, splitTopicUrl } from './ntfy';
import { sendTelegram, telegramRefusal } from './telegram';

// ntfy and Telegram. Each target is tried independently with a short timeout; failures are logged
// and swallowed, because a notification must never fail the action it reports.

export interface Notice {
  title: string;
  message: string;
  link: string;
  priority?: 'default' | 'high';
}

const TIMEOUT_MS = 4_000;

export async function sendNotification(targets: PromotionConfig['notify'], n: Notice): Promise<void> {
  const jobs: Promise<void>[] = [];
  const ntfy = targets.ntfy ? splitTopicUrl(targets.ntfy.url) : null;
  if (ntfy) {
    jobs.push(publishNtfy(ntfy.server, targets.ntfy?.token, { topic: ntfy.topic, title: n.title, message: n.message, click: n.link, priority: n.priority, tags: ['rocket'] }).then(() => undefined));
  } else if (targets.ntfy) log.warn({ target: 'ntfy' }, 'promotion.notify.ntfy.url names no topic (expected https://ntfy.example.org/<topic>)');
  if (targets.telegram) {
    const t = targets.telegram;
    jobs.push(
      sendTelegram(t, `${n.title}\n${n.message}\n${n.link}`, TIMEOUT_MS).then(
        async (r) => (r.ok ? undefined : log.warn({ target: 'telegram', err: await telegramRefusal(r) }, 'notification refused')),
        (e: Error) => log.warn({ target: 'telegram', err: e.message }, 'notification not delivered'),
      ),
    );
  }
  await Promise.all(jobs);
}

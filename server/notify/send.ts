import 'server-only';
import type { PromotionConfig } from '@/lib/promotions/config';
import { log } from '../log';
import { publishNtfy, splitTopicUrl } from './ntfy';

// ntfy and Telegram. Each target is tried independently with a short timeout; failures are logged
// and swallowed, because a notification must never fail the action it reports.

export interface Notice {
  title: string;
  message: string;
  link: string;
  priority?: 'default' | 'high';
}

const TIMEOUT_MS = 4_000;

async function post(url: string, init: RequestInit, target: string): Promise<void> {
  try {
    const r = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!r.ok) log.warn({ target, status: r.status }, 'notification refused');
  } catch (e) {
    log.warn({ target, err: (e as Error).message }, 'notification not delivered');
  }
}

export async function sendNotification(targets: PromotionConfig['notify'], n: Notice): Promise<void> {
  const jobs: Promise<void>[] = [];
  const ntfy = targets.ntfy ? splitTopicUrl(targets.ntfy.url) : null;
  if (ntfy) {
    jobs.push(publishNtfy(ntfy.server, targets.ntfy?.token, { topic: ntfy.topic, title: n.title, message: n.message, click: n.link, priority: n.priority, tags: ['rocket'] }).then(() => undefined));
  } else if (targets.ntfy) log.warn({ target: 'ntfy' }, 'promotion.notify.ntfy.url names no topic (expected https://ntfy.example.org/<topic>)');
  if (targets.telegram) {
    const url = `https://api.telegram.org/bot${targets.telegram.botToken}/sendMessage`;
    const body = JSON.stringify({ chat_id: targets.telegram.chatId, text: `${n.title}\n${n.message}\n${n.link}`, disable_web_page_preview: true });
    jobs.push(post(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }, 'telegram'));
  }
  await Promise.all(jobs);
}

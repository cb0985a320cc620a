import 'server-only';
import type { GamingConfig } from '@/lib/gaming/config';
import { log } from '../../../log';

// ntfy push (optional). A failed notification is logged and never fails the action that sent it.
export async function notifyNtfy(cfg: GamingConfig['ntfy'], to: string | null, title: string, message: string): Promise<void> {
  if (!cfg) return;
  const topic = to === null ? cfg.adminTopic : cfg.topics[to];
  if (!topic) return;
  try {
    const res = await fetch(`${cfg.url.replace(/\/$/, '')}/${encodeURIComponent(topic)}`, {
      method: 'POST',
      body: message,
      headers: { Title: title, Tags: 'video_game', ...(cfg.token ? { Authorization: `Bearer ${cfg.token}` } : {}) },
      signal: AbortSignal.timeout(5_000),
    });
    if (!res.ok) log.warn({ status: res.status, topic }, 'ntfy refused the notification');
  } catch (e) {
    log.warn({ err: (e as Error).message }, 'ntfy not reachable');
  }
}

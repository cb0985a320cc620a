import 'server-only';
import { log } from '../log';

// ntfy's JSON publishing (POST {topic, title, message, …} to the server's root): titles and tags
// travel in the UTF-8 body, not in HTTP headers, where a "—" makes Node's fetch throw.

export interface NtfyMessage {
  topic: string;
  title: string;
  message: string;
  click?: string;
  priority?: 'default' | 'high';
  tags?: string[];
}

const TIMEOUT_MS = 4_000;

/** `https://ntfy.example.org/homelab` → server root and topic. */
export function splitTopicUrl(url: string): { server: string; topic: string } | null {
  const u = new URL(url);
  const parts = u.pathname.split('/').filter(Boolean);
  const topic = parts.pop();
  if (!topic) return null;
  return { server: `${u.origin}/${parts.join('/')}`.replace(/\/$/, ''), topic: decodeURIComponent(topic) };
}

/** Publishes one message; never throws (a notification must not fail the action it reports). */
export async function publishNtfy(server: string, token: string | undefined, m: NtfyMessage): Promise<boolean> {
  const body = { topic: m.topic, title: m.title, message: m.message, priority: m.priority === 'high' ? 4 : 3, ...(m.click ? { click: m.click } : {}), ...(m.tags ? { tags: m.tags } : {}) };
  try {
    const res = await fetch(`${server.replace(/\/$/, '')}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) log.warn({ target: 'ntfy', status: res.status, topic: m.topic }, 'ntfy refused the notification');
    return res.ok;
  } catch (e) {
    log.warn({ target: 'ntfy', err: (e as Error).message }, 'ntfy not reachable');
    return false;
  }
}

import 'server-only';
import webpush from 'web-push';
import { fetchFor } from '../http/tls-fetch';
import type { Db } from '../db';
import { splitTopicUrl } from './ntfy';
import { sendTelegram, telegramRefusal } from './telegram';
import type { NotifySettings } from './settings';

// One attempt to hand one outbox row to its channel. Throws on failure (the dispatcher retries);
// `Gone` means retrying is pointless (a push subscription the browser dropped).

export class Gone extends Error {}

export interface OutboxRow {
  id: bigint;
  channel: string;
  target: string;
  title: string;
  body: string;
  link: string | null;
  priority: string;
  event: string;
}

const TIMEOUT_MS = 4_000;

/** The JSON a push carries to the service worker (public/sw.js): shown as a notification, `url` opened on tap. */
export interface PushPayload {
  title: string;
  body: string;
  url: string | null;
  tag: string;
}

async function ok(res: Response, what: string): Promise<void> {
  if (res.ok) return;
  const text = (await res.text().catch(() => '')).slice(0, 200);
  if (res.status === 404 || res.status === 410) throw new Gone(`${what} answered ${res.status}: the subscription is gone`);
  throw new Error(`${what} answered ${res.status}${text ? `: ${text}` : ''}`);
}

function hostAllowed(endpoint: string, allowed: string[]): boolean {
  const u = new URL(endpoint);
  if (u.protocol !== 'https:') return false;
  return allowed.some((h) => (h.startsWith('*.') ? u.host.endsWith(h.slice(1)) : u.host === h));
}

export async function deliver(db: Db, s: NotifySettings, row: OutboxRow): Promise<void> {
  if (row.channel === 'ntfy') {
    const gaming = row.target.startsWith('gaming:');
    const server = gaming ? s.gamingNtfy?.url : s.admin.ntfy ? splitTopicUrl(s.admin.ntfy.url)?.server : undefined;
    const topic = gaming ? row.target.slice('gaming:'.length) : s.admin.ntfy ? splitTopicUrl(s.admin.ntfy.url)?.topic : undefined;
    const token = gaming ? s.gamingNtfy?.token : s.admin.ntfy?.token;
    if (!server || !topic) throw new Error('ntfy is no longer configured');
    const body = { topic, title: row.title, message: row.body, priority: row.priority === 'high' ? 4 : 3, tags: [gaming ? 'video_game' : 'rocket'], ...(row.link ? { click: row.link } : {}) };
    const res = await fetch(`${server.replace(/\/$/, '')}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    return ok(res, 'ntfy');
  }
  if (row.channel === 'telegram') {
    const t = s.admin.telegram;
    if (!t) throw new Error('Telegram is no longer configured');
    const res = await sendTelegram(t, [row.title, row.body, row.link].filter(Boolean).join('\n'), TIMEOUT_MS);
    // A 404 here is a wrong URL or bot token, not a subscription gone: retried like any failure.
    if (!res.ok) throw new Error(await telegramRefusal(res));
    return;
  }
  if (row.channel === 'webpush') {
    const w = s.notifications.webPush;
    if (!w) throw new Error('Web Push is no longer configured (no VAPID keys)');
    const sub = await db.pushSubscription.findUnique({ where: { id: row.target } });
    if (!sub) throw new Gone('the device unsubscribed');
    if (!hostAllowed(sub.endpoint, w.allowedHosts)) throw new Gone(`push endpoint host not allowed (notifications.webPush.allowedHosts): ${new URL(sub.endpoint).host}`);
    const payload: PushPayload = { title: row.title, body: row.body, url: row.link, tag: `${row.event}:${row.id}` };
    // web-push encrypts (RFC 8291, aes128gcm) and signs (VAPID); the request goes through our fetch,
    // so the push service's TLS is verified like every upstream's (notifications.webPush.tls).
    const req = webpush.generateRequestDetails({ endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } }, JSON.stringify(payload), {
      vapidDetails: { subject: w.subject, publicKey: w.publicKey, privateKey: w.privateKey },
      TTL: 3600,
      contentEncoding: 'aes128gcm',
      urgency: row.priority === 'high' ? 'high' : 'normal',
    });
    const res = await fetchFor(w.tls, 'push service')(req.endpoint, { method: req.method, headers: req.headers as Record<string, string>, body: req.body as unknown as BodyInit, signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (res.status === 404 || res.status === 410) await db.pushSubscription.deleteMany({ where: { id: sub.id } });
    return ok(res, 'the push service');
  }
  throw new Gone(`unknown channel ${row.channel}`);
}

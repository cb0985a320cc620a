import 'server-only';
import type { PromotionConfig } from '@/lib/promotions/config';
import { fetchFor } from '../http/tls-fetch';

// The Bot API's sendMessage (https://core.telegram.org/bots/api#sendmessage) at the configured base
// URL (`promotion.notify.telegram.apiUrl`: api.telegram.org, a self-hosted Bot API server, or the
// simulator), its TLS verified like every upstream's.

export type TelegramTarget = NonNullable<PromotionConfig['notify']['telegram']>;

/** Telegram refuses longer texts (400 "message is too long"). */
const MAX_TEXT = 4096;

export async function sendTelegram(t: TelegramTarget, text: string, timeoutMs: number): Promise<Response> {
  const url = `${t.apiUrl.replace(/\/$/, '')}/bot${t.botToken}/sendMessage`;
  try {
    return await fetchFor(t.tls, 'Telegram')(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: t.chatId, text: text.slice(0, MAX_TEXT), link_preview_options: { is_disabled: true } }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    // The URL holds the bot token: never let it reach a log line or the failures Paul sees.
    throw new Error(`Telegram: ${(e as Error).message.split(t.botToken).join('<bot token>')}`);
  }
}

/** Telegram's own reason (`description`) for a refusal, never the URL (it holds the bot token). */
export async function telegramRefusal(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { description?: unknown } | null;
  return `Telegram answered ${res.status}${typeof body?.description === 'string' ? `: ${body.description.slice(0, 200)}` : ''}`;
}

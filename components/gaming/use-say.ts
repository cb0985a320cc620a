'use client';
import { formatMessage, isMessage, type Message } from '@/lib/i18n/message';
import { ApiError } from '../providers/api-fetch';
import { useI18n } from '../providers/i18n';

// The gaming and DEV-power services send messages (code + params); the card says them in the page's
// language. Errors carry the coded form too (`error.msg` of the JSON body) when the service gave one.

export function useSay() {
  const { t, locale, server } = useI18n();
  // A replica of the previous version may still send a sentence: shown as it is.
  const say = (m: Message) => (isMessage(m) ? formatMessage(m, t, locale) : String(m));
  // Errors without a code (auth, network) still go through the English-template fallback.
  const sayError = (e: Error | null | undefined) => (e instanceof ApiError && e.msg ? say(e.msg) : server(e?.message ?? ''));
  return { say, sayError };
}

'use client';
import { formatMessage, isMessage, type Message } from '@/lib/i18n/message';
import { ApiError } from './api-fetch';
import { useI18n } from './i18n';

// The gaming and DEV-power services send messages (code + params); the card says them in the page's
// language. Errors carry the coded form too (`error.msg` of the JSON body) when the service gave one.

export function useSay() {
  const { t, locale } = useI18n();
  // A replica of the previous version may still send a sentence: shown as it is.
  const say = (m: Message) => (isMessage(m) ? formatMessage(m, t, locale) : String(m));
  // An error without a code (the network, an upstream's own words) is shown as it came.
  const sayError = (e: Error | null | undefined) => (e instanceof ApiError && e.msg ? say(e.msg) : (e?.message ?? ''));
  return { say, sayError };
}

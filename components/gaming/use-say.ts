'use client';
import { formatMessage, isMessage, type Message } from '@/lib/i18n/message';
import { useI18n } from '../providers/i18n';

// The gaming and DEV-power services send messages (code + params); the card says them in the page's
// language. Errors carry the coded form too (`error.msg` of the JSON body) when the service gave one.

export class PanelError extends Error {
  constructor(
    message: string,
    readonly msg?: Message,
  ) {
    super(message);
  }
}

/** A failed answer of the panel's API as a PanelError (its `error.msg` kept when it is a message). */
export function panelError(status: number, json: { error?: { message?: unknown; msg?: unknown } } | null): PanelError {
  const text = typeof json?.error?.message === 'string' ? json.error.message : `The panel answered ${status}.`;
  return new PanelError(text, isMessage(json?.error?.msg) ? json.error.msg : undefined);
}

export function useSay() {
  const { t, locale, server } = useI18n();
  // A replica of the previous version may still send a sentence: shown as it is.
  const say = (m: Message) => (isMessage(m) ? formatMessage(m, t, locale) : String(m));
  // Errors without a code (auth, network) still go through the English-template fallback.
  const sayError = (e: Error | null | undefined) => (e instanceof PanelError && e.msg ? say(e.msg) : server(e?.message ?? ''));
  return { say, sayError };
}

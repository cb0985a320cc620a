// English words for a message, from the same catalogue the pages use: for audit details, logs, ntfy
// notifications and the `message` of an error body. Server-side only in practice (it loads the catalogue).
import { translator } from './catalogue';
import { formatMessage, type Message } from './message';

const t = translator('en');

/** `timeZone`: the homelab's (gaming.timeZone) for times; UTC when omitted. */
export function renderEn(m: Message, timeZone = 'UTC'): string {
  return formatMessage(m, t, 'en', timeZone);
}

/** A clause (a nested reason) in English, its first letter as the catalogue has it. */
export function renderEnClause(m: Message, timeZone = 'UTC'): string {
  return formatMessage(m, t, 'en', timeZone, false);
}

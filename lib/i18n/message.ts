// A sentence the server sends as a catalogue key + params instead of English text, so the client says
// it in the page's language (issue #4). Sizes travel as bytes and times as ISO strings; the renderer
// formats them for the locale. A param may itself be a message (a nested reason: "Can't start: {reason}.").
import { intlLocale, type Locale, type MessageKey, type Translate } from './index';

export type MessageCode = MessageKey;
export type MessageParam = string | number | { bytes: number } | { at: string } | { ms: number } | Message;
export interface Message {
  code: MessageCode;
  params?: Record<string, MessageParam>;
}

export const msg = (code: MessageCode, params?: Record<string, MessageParam>): Message => (params ? { code, params } : { code });

/** Text that has no code (an old database row, an upstream's own words): shown as it is. */
export const plainText = (text: string): Message => msg('srv.text', { text });

export function isMessage(v: unknown): v is Message {
  return !!v && typeof v === 'object' && typeof (v as Message).code === 'string' && ((v as Message).params === undefined || typeof (v as Message).params === 'object');
}

const GiB = 1024 ** 3;

// Numbers stay numbers (the catalogue's ICU plurals and number formats need them; a plain `{n}` is
// said in the locale's way by translate()); sizes, durations and times become words here.
function param(v: MessageParam, t: Translate, locale: Locale, timeZone: string | undefined, depth: number): string | number {
  if (typeof v === 'string' || typeof v === 'number') return v;
  if ('bytes' in v) return t('fmt.gb', { n: Math.round((Math.max(0, v.bytes) / GiB) * 10) / 10 });
  if ('ms' in v) return duration(v.ms, t);
  if ('at' in v) return new Intl.DateTimeFormat(intlLocale(locale), { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(v.at));
  return depth > 3 ? v.code : render(v, t, locale, timeZone, depth + 1);
}

/** A duration in plain words, rounded up to the minute: "1 min", "1 h 30 min", "3 days", "2 days 4 h". */
function duration(ms: number, t: Translate): string {
  const min = Math.max(0, Math.ceil(ms / 60_000));
  if (min < 60) return t('dur.min', { n: min });
  const h = Math.floor(min / 60);
  const m = min % 60;
  if (h < 48) return m ? t('dur.hmin', { h, m }) : t('dur.h', { h });
  const d = Math.floor(h / 24);
  const rh = h % 24;
  return rh ? t('dur.daysh', { d, h: rh }) : t('dur.days', { d });
}

function render(m: Message, t: Translate, locale: Locale, timeZone: string | undefined, depth: number): string {
  const vars = Object.fromEntries(Object.entries(m.params ?? {}).map(([k, v]) => [k, param(v, t, locale, timeZone, depth)]));
  return t(m.code, vars);
}

/**
 * A message in words through `t` (the page's catalogue, or English for logs and audit). A top-level
 * message is a sentence: its first letter is upper-case (`sentence: false` for a clause). `timeZone`: where times are shown (the
 * browser's own when omitted).
 */
export function formatMessage(m: Message, t: Translate, locale: Locale, timeZone?: string, sentence = true): string {
  const out = render(m, t, locale, timeZone, 0);
  return sentence ? out.charAt(0).toUpperCase() + out.slice(1) : out;
}

/** A message as stored in a text column (gaming sessions' failure): JSON, read back by readStoredMessage. */
export function storeMessage(m: Message): string {
  return JSON.stringify(m);
}

/** A stored message; an older row holds an English sentence, shown as it is. */
export function readStoredMessage(text: string | null): Message | null {
  if (text === null) return null;
  if (text.startsWith('{')) {
    try {
      const v: unknown = JSON.parse(text);
      if (isMessage(v)) return v;
    } catch {
      // not JSON after all: plain text below
    }
  }
  return plainText(text);
}

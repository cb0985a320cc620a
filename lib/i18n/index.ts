// The message catalogue (EN + FR) in ICU MessageFormat (plurals, selects, numbers), compiled once on
// the server by icu-minify (next-intl's ahead-of-time compiler, ./catalogue.ts) and formatted here by
// its <1 kB runtime, so neither the ICU parser nor the catalogue is in the client bundle: the server
// hands the page its locale's compiled messages. The locale comes from a `locale` cookie (the
// switcher) or else the browser's Accept-Language.
import format, { type CompiledMessage } from 'icu-minify/format';
import type { MessageKey } from './en';

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';
export const LOCALE_COOKIE = 'locale';
/** A locale's catalogue, compiled (./catalogue.ts). */
export type Messages = Record<MessageKey, CompiledMessage>;
export type { MessageKey };

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/** The BCP 47 tag for Intl: British English (24-hour clock, day first) and French. */
export const intlLocale = (l: Locale) => (l === 'fr' ? 'fr-FR' : 'en-GB');

/** Cookie first, then the first supported language of Accept-Language by quality, else English. */
export function pickLocale(cookie: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(cookie)) return cookie;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { lang: tag.toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.lang && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((x) => x.lang).find(isLocale) ?? DEFAULT_LOCALE;
}

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

const memo = <A extends unknown[], R>(make: (...a: A) => R) => {
  const cache = new Map<string, R>();
  return (...a: A) => {
    const k = JSON.stringify(a);
    let v = cache.get(k);
    if (v === undefined) cache.set(k, (v = make(...a)));
    return v;
  };
};
const FORMATTERS = {
  getNumberFormat: memo((l?: string | string[], o?: Intl.NumberFormatOptions) => new Intl.NumberFormat(l, o)),
  getDateTimeFormat: memo((l?: string | string[], o?: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(l, o)),
  getPluralRules: memo((l?: string | string[], o?: Intl.PluralRulesOptions) => new Intl.PluralRules(l, o)),
};

// The arguments a message shows as they are (`{n}`, not `{n, number}` or a plural): a number given
// for one is still said in the locale's way ("5,5" in French), never as JavaScript's "5.5".
const plainArgs = new WeakMap<object, Set<string>>();
function plainArgsOf(m: CompiledMessage): Set<string> {
  if (typeof m === 'string') return new Set();
  let s = plainArgs.get(m);
  if (!s) {
    s = new Set();
    const walk = (n: unknown): void => {
      if (!Array.isArray(n)) {
        if (n && typeof n === 'object') Object.values(n).forEach(walk);
        return;
      }
      if (n.length === 1 && typeof n[0] === 'string') s!.add(n[0]);
      else n.forEach(walk);
    };
    m.forEach(walk);
    plainArgs.set(m, s);
  }
  return s;
}

/** A message in words; an unknown key shows the key itself (visible in review, never a crash). */
export function translate(messages: Messages, locale: Locale, key: MessageKey, vars?: Vars): string {
  const m = messages[key];
  if (m === undefined) return key;
  if (typeof m === 'string') return m;
  const tag = intlLocale(locale);
  const plain = plainArgsOf(m);
  const values: Vars = {};
  for (const k of plain) values[k] = `{${k}}`; // a missing argument stays visible, as the key does
  for (const [k, v] of Object.entries(vars ?? {})) values[k] = typeof v === 'number' && plain.has(k) ? FORMATTERS.getNumberFormat(tag, { maximumFractionDigits: 1, useGrouping: false }).format(v) : v;
  try {
    return String(format(m, tag, values, { formatters: FORMATTERS }));
  } catch {
    return key; // a missing argument: the key, as for a missing message
  }
}

export function translatorOf(messages: Messages, locale: Locale): Translate {
  return (key, vars) => translate(messages, locale, key, vars);
}

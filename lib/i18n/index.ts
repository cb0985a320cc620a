// A small message catalogue (EN + FR) instead of an i18n library, to keep the client bundle small.
// The locale comes from a `locale` cookie (the switcher) or else the browser's Accept-Language.
import { en, type MessageKey } from './en';
import { fr } from './fr';

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';
export const LOCALE_COOKIE = 'locale';
export type Messages = Record<MessageKey, string>;
export type { MessageKey };

const CATALOGUES: Record<Locale, Messages> = { en, fr };

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

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

export function messagesFor(locale: Locale): Messages {
  return CATALOGUES[locale];
}

export type Vars = Record<string, string | number>;

/** Fills `{name}` placeholders; an unknown key shows the key itself (visible in review, never a crash). */
export function translate(messages: Messages, key: MessageKey, vars?: Vars): string {
  const text = messages[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export type Translate = (key: MessageKey, vars?: Vars) => string;

export function translator(locale: Locale): Translate {
  const m = messagesFor(locale);
  return (key, vars) => translate(m, key, vars);
}

// The catalogues compiled from ICU MessageFormat to icu-minify's compact form, once per locale and
// process. Used on the server (pages, renderEn) and in tests; the browser receives the compiled
// messages from the server and never loads this file or the ICU parser.
import compile from 'icu-minify/compile';
import { en } from './en';
import { fr } from './fr';
import { translatorOf, type Locale, type MessageKey, type Messages, type Translate } from './index';

export const SOURCES: Record<Locale, Record<MessageKey, string>> = { en, fr };
const compiled = new Map<Locale, Messages>();

/** A locale's messages, compiled; JSON-plain (they travel to the browser as a prop). */
export function messagesFor(locale: Locale): Messages {
  let m = compiled.get(locale);
  if (!m) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(SOURCES[locale])) out[k] = JSON.parse(JSON.stringify(compile(v)));
    m = out as Messages;
    compiled.set(locale, m);
  }
  return m;
}

export function translator(locale: Locale): Translate {
  return translatorOf(messagesFor(locale), locale);
}

import 'server-only';
import { cookies, headers } from 'next/headers';
import { LOCALE_COOKIE, pickLocale, type Locale, type Messages, type Translate } from '@/lib/i18n';
import { messagesFor, translator } from '@/lib/i18n/catalogue';

/** The request's locale: the `locale` cookie (set by the switcher), else Accept-Language. Server components only. */
export async function requestLocale(): Promise<{ locale: Locale; messages: Messages; t: Translate }> {
  const [c, h] = await Promise.all([cookies(), headers()]);
  const locale = pickLocale(c.get(LOCALE_COOKIE)?.value, h.get('accept-language'));
  return { locale, messages: messagesFor(locale), t: translator(locale) };
}

'use client';
import { createContext, useContext, useMemo } from 'react';
import { translatorOf, type Locale, type Messages, type Translate } from '@/lib/i18n';

// The page's locale and compiled messages, handed down from the server (so neither the catalogue nor
// the ICU parser is in the JS bundle).
// Server sentences arrive as coded messages (lib/i18n/message.ts) and are said through useSay().
type I18n = { locale: Locale; t: Translate };
const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ locale, messages, children }: { locale: Locale; messages: Messages; children: React.ReactNode }) {
  const value = useMemo<I18n>(
    () => ({ locale, t: translatorOf(messages, locale) }),
    [locale, messages],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

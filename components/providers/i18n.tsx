'use client';
import { createContext, useContext, useMemo } from 'react';
import { translate, type Locale, type Messages, type Translate } from '@/lib/i18n';
import { localizeServerText } from '@/lib/i18n/server-text';

// The page's locale and messages, handed down from the server (so the catalogue is not in the JS bundle).
// `server` re-renders an English sentence from a service (gaming, DEV power) in the page's language.
type I18n = { locale: Locale; t: Translate; server: (text: string) => string };
const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ locale, messages, children }: { locale: Locale; messages: Messages; children: React.ReactNode }) {
  const value = useMemo<I18n>(
    () => ({ locale, t: (key, vars) => translate(messages, key, vars), server: (text) => localizeServerText(text, locale, messages) }),
    [locale, messages],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

'use client';
import { QueryClientProvider } from '@tanstack/react-query';
import type { Locale, Messages } from '@/lib/i18n';
import { I18nProvider } from './i18n';
import { getQueryClient } from './query-client';

// Zod probes `Function('')` before its first object parse to decide whether to compile parsers; our CSP
// forbids eval, so the probe is a CSP violation in the console (Lighthouse's best practices). In the
// browser, parse without compiling: zod's global config object (what `z.config` sets), without
// importing zod here, which would add it to every page's first-load JS.
const g = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
(g.__zod_globalConfig ??= {}).jitless = true;

/** Wraps a page's client components: the tab's QueryClient and the locale's messages. */
export function AppProviders({ locale, messages, children }: { locale: Locale; messages: Messages; children: React.ReactNode }) {
  return (
    <QueryClientProvider client={getQueryClient()}>
      <I18nProvider locale={locale} messages={messages}>
        <div lang={locale}>{children}</div>
      </I18nProvider>
    </QueryClientProvider>
  );
}

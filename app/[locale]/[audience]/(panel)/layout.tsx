import { AppHeader } from '@/components/layout/app-header';
import { AppProviders } from '@/components/providers/app-providers';
import { isLocale, type Locale } from '@/lib/i18n';
import { messagesFor } from '@/lib/i18n/catalogue';
import { isAudience, type Audience } from '@/lib/shell/audience';

// Every page of the panel: the providers (query client, the locale's messages), the header for the
// role's view. Static (no header, no session read), so `/` is a prerendered shell; each page checks
// its viewer itself (viewerOrRedirect), the name in the header arrives from /api/me.
export default async function PanelLayout({ children, params }: { children: React.ReactNode; params: Promise<{ locale: string; audience: string }> }) {
  const p = await params;
  const locale: Locale = isLocale(p.locale) ? p.locale : 'en';
  const audience: Audience = isAudience(p.audience) ? p.audience : 'family';
  return (
    <AppProviders locale={locale} messages={messagesFor(locale)}>
      <AppHeader locale={locale} audience={audience} />
      <main id="main" className="mx-auto max-w-6xl p-4 pb-24 sm:pb-4">
        {children}
      </main>
    </AppProviders>
  );
}

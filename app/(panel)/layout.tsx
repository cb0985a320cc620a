import { AppHeader } from '@/components/layout/app-header';
import { AppProviders } from '@/components/providers/app-providers';
import { requestLocale } from '@/components/providers/locale';
import { rememberLocale } from '@/server/services/users/remember-locale';
import { viewerOrRedirect } from './_lib/viewer';

// Every page of the panel: the viewer checked once (sign-in or no-access redirect), the providers
// (query client, the locale's messages) once, the header. Pages render only their own content.
export default async function PanelLayout({ children }: { children: React.ReactNode }) {
  const [viewer, { locale, messages }] = await Promise.all([viewerOrRedirect(), requestLocale()]);
  await rememberLocale(locale);
  return (
    <AppProviders locale={locale} messages={messages}>
      <AppHeader user={viewer} />
      <main id="main" className="mx-auto max-w-6xl p-4 pb-24 sm:pb-4">
        {children}
      </main>
    </AppProviders>
  );
}

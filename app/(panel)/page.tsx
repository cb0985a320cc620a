import { Suspense } from 'react';
import { HomeView } from '@/components/dashboard/home-view';
import { GamingCard } from '@/components/gaming/gaming-card';
import { PendingPromotionsCount } from '@/components/promotions/pending-count';
import { AppProviders } from '@/components/providers/app-providers';
import { requestLocale } from '@/components/providers/locale';
import { getHome } from '@/server/services/dashboard/get-home';
import { viewerOrRedirect } from './_lib/viewer';

export const dynamic = 'force-dynamic';

// The promotions badge reads GitHub and the database: it streams in after the page, never holds it up.
export default async function HomePage() {
  await viewerOrRedirect();
  const [{ locale, messages }, home] = await Promise.all([requestLocale(), getHome()]);
  return (
    <AppProviders locale={locale} messages={messages}>
      <HomeView initial={home} gaming={<GamingCard />} promotions={home.admin ? <Suspense fallback={null}><PendingPromotionsCount /></Suspense> : null} />
    </AppProviders>
  );
}

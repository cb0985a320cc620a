import { Suspense } from 'react';
import { HomeView } from '@/components/dashboard/home-view';
import { GamingCard } from '@/components/gaming/gaming-card';
import { PendingPromotionsCount } from '@/components/promotions/pending-count';
import { getHome } from '@/server/services/dashboard/get-home';
import { viewerOrRedirect } from './_lib/viewer';

export const dynamic = 'force-dynamic';

// The promotions badge reads GitHub and the database: it streams in after the page, never holds it up.
export default async function HomePage() {
  await viewerOrRedirect();
  const home = await getHome();
  return <HomeView initial={home} gaming={<GamingCard />} promotions={home.admin ? <Suspense fallback={null}><PendingPromotionsCount /></Suspense> : null} />;
}

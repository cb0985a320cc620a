import { HomeView } from '@/components/dashboard/home-view';
import { GamingCard } from '@/components/gaming/gaming-card';
import { PendingPromotionsCount } from '@/components/promotions/pending-count';

// The signed-in `/`: a shell prerendered per language and role (issue 15), no name and no data in
// it; the proxy sends a signed-in person here (and nobody else), the data comes from the JSON routes.
export const dynamic = 'error';

export default async function HomePage({ params }: { params: Promise<{ audience: string }> }) {
  const { audience } = await params;
  return <HomeView admin={audience === 'admin'} gaming={<GamingCard admin={audience === 'admin'} />} promotions={audience === 'admin' ? <PendingPromotionsCount /> : null} />;
}

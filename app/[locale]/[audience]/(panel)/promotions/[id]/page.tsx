import type { Metadata } from 'next';
import { PromotionView } from '@/components/promotions/promotion-view';
import { requestLocale } from '@/components/providers/locale';
import { getPromotion } from '@/server/services/promotions/get-promotion';
import { load } from '../../_lib/load';
import { viewerOrRedirect } from '../../_lib/viewer';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await requestLocale()).t('nav.promotions') };
}
export const dynamic = 'force-dynamic';

export default async function PromotionPage({ params }: { params: Promise<{ id: string }> }) {
  await viewerOrRedirect();
  const { id } = await params;
  const p = await load(() => getPromotion({ id }));
  return <PromotionView initial={p} />;
}

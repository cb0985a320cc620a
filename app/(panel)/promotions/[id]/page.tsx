import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PromotionView } from '@/components/promotions/promotion-view';
import { AppProviders } from '@/components/providers/app-providers';
import { requestLocale } from '@/components/providers/locale';
import type { PromotionDto } from '@/lib/promotions/types';
import { AppError } from '@/server/errors';
import { getPromotion } from '@/server/services/promotions/get-promotion';
import { viewerOrRedirect } from '../../_lib/viewer';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await requestLocale()).t('nav.promotions') };
}
export const dynamic = 'force-dynamic';

export default async function PromotionPage({ params }: { params: Promise<{ id: string }> }) {
  await viewerOrRedirect();
  const { id } = await params;
  const { locale, messages } = await requestLocale();
  let p: PromotionDto;
  try {
    p = await getPromotion({ id });
  } catch (e) {
    if (e instanceof AppError && (e.code === 'not_found' || e.code === 'validation')) notFound();
    if (e instanceof AppError && e.code === 'forbidden') return <p role="alert" className="rounded-lg bg-red-50 p-3 text-red-900">{(e as AppError).message}</p>;
    throw e;
  }
  return (
    <AppProviders locale={locale} messages={messages}>
      <PromotionView initial={p} />
    </AppProviders>
  );
}

import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PromotionView } from '@/components/promotions/promotion-view';
import type { PromotionDto } from '@/lib/promotions/types';
import { AppError } from '@/server/errors';
import { ensurePromotionJobs } from '@/server/jobs/promotions';
import { getPromotion } from '@/server/services/promotions/get-promotion';

export const metadata: Metadata = { title: 'Promotion' };
export const dynamic = 'force-dynamic';

export default async function PromotionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  let p: PromotionDto;
  try {
    p = await getPromotion({ id });
  } catch (e) {
    if (e instanceof AppError && (e.code === 'not_found' || e.code === 'validation')) notFound();
    if (e instanceof AppError && e.code === 'forbidden') return <p role="alert" className="rounded-lg bg-red-50 p-3 text-red-900">{(e as AppError).message}</p>;
    throw e;
  }
  ensurePromotionJobs();
  return <PromotionView initial={p} />;
}

'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { queryKeys } from '@/lib/query-keys';
import { apiFetch } from '../providers/api-fetch';
import { useI18n } from '../providers/i18n';

// Pending promotions on the admin's home: proposals waiting for a decision, open PRs and degraded
// promotions, with a link to /promotions. Fetched after load (the home page is a prerendered shell);
// renders nothing until then or on any failure: the home page must never break because of this badge.
export function PendingPromotionsCount() {
  const { t } = useI18n();
  const q = useQuery({ queryKey: queryKeys.pendingPromotions(), queryFn: () => apiFetch<number>('/api/promotions/pending') });
  if (q.data === undefined) return null;
  const n = q.data;
  return (
    <Card title={t('home.promotions')}>
      <Link prefetch={false} href="/promotions" className="text-brand-600 underline" data-testid="pending-promotions">
        {n === 0 ? t('promo.pendingNone') : t('promo.pending', { n })}
      </Link>
    </Card>
  );
}

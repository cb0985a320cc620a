import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { pendingPromotionsCount } from '@/app/(panel)/promotions/actions';
import { requestLocale } from '../providers/locale';

// Pending promotions on the admin's home: proposals waiting for a decision, open PRs and degraded
// promotions, with a link to /promotions. Renders nothing for non-admins or on any failure: the
// home page must never break because of this badge.
export async function PendingPromotionsCount() {
  const [r, { t }] = await Promise.all([pendingPromotionsCount().catch(() => null), requestLocale()]);
  if (!r?.ok) return null;
  const n = r.data;
  return (
    <Card title={t('home.promotions')}>
      <Link href="/promotions" className="text-brand-600 underline" data-testid="pending-promotions">
        {n === 0 ? t('promo.pendingNone') : t('promo.pending', { n })}
      </Link>
    </Card>
  );
}

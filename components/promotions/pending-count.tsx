import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { pendingPromotionsCount } from '@/app/(panel)/promotions/actions';

// Pending promotions on the admin's home: proposals waiting for a decision, open PRs and degraded
// promotions, with a link to /promotions. Renders nothing for non-admins or on any failure: the
// home page must never break because of this badge.
export async function PendingPromotionsCount() {
  const r = await pendingPromotionsCount().catch(() => null);
  if (!r?.ok) return null;
  const n = r.data;
  return (
    <Card title="Promotions">
      <Link href="/promotions" className="text-brand-600 underline" data-testid="pending-promotions">
        {n === 0 ? 'Nothing waiting for you — see what DEV runs ahead of PROD' : `${n} promotion${n > 1 ? 's' : ''} waiting for you`}
      </Link>
    </Card>
  );
}

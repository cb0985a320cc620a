import type { Metadata } from 'next';
import { CapacityView } from '@/components/dashboard/capacity-view';
import { AppProviders } from '@/components/providers/app-providers';
import { requestLocale } from '@/components/providers/locale';
import { getCapacity } from '@/server/services/capacity/get-capacity';

export const metadata: Metadata = { title: 'Capacity' };
export const dynamic = 'force-dynamic';

export default async function CapacityPage() {
  const [{ locale, messages }, capacity] = await Promise.all([requestLocale(), getCapacity()]);
  return (
    <AppProviders locale={locale} messages={messages}>
      <CapacityView initial={capacity} />
    </AppProviders>
  );
}

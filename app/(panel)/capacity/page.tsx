import type { Metadata } from 'next';
import { CapacityView } from '@/components/dashboard/capacity-view';
import { requestLocale } from '@/components/providers/locale';
import { can } from '@/lib/permissions';
import { getCapacity } from '@/server/services/capacity/get-capacity';
import { load } from '../_lib/load';
import { viewerOrRedirect } from '../_lib/viewer';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await requestLocale()).t('nav.capacity') };
}
export const dynamic = 'force-dynamic';

export default async function CapacityPage() {
  const viewer = await viewerOrRedirect();
  const capacity = await load(() => getCapacity()); // the admin's page: not found for the family
  return <CapacityView initial={capacity} devPower={can(viewer.role, 'dev:power')} />;
}

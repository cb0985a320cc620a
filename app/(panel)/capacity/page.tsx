import type { Metadata } from 'next';
import { CapacityView } from '@/components/dashboard/capacity-view';
import { requestLocale } from '@/components/providers/locale';
import { can } from '@/lib/permissions';
import { getCapacity } from '@/server/services/capacity/get-capacity';
import { viewerOrRedirect } from '../_lib/viewer';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await requestLocale()).t('nav.capacity') };
}
export const dynamic = 'force-dynamic';

export default async function CapacityPage() {
  const viewer = await viewerOrRedirect();
  const capacity = await getCapacity();
  return <CapacityView initial={capacity} devPower={can(viewer.role, 'dev:power')} />;
}

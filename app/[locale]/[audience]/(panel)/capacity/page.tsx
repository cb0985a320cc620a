import type { Metadata } from 'next';
import { CapacityView } from '@/components/dashboard/capacity-view';
import { HistoryUnavailable } from '@/components/history/history-unavailable';
import { MemoryHistoryCard } from '@/components/history/memory-history-card';
import { requestLocale } from '@/components/providers/locale';
import { can } from '@/lib/permissions';
import { getCapacity } from '@/server/services/capacity/get-capacity';
import { getMemoryHistory } from '@/server/services/history/get-memory-history';
import { load, loadPart } from '../_lib/load';
import { viewerOrRedirect } from '../_lib/viewer';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await requestLocale()).t('nav.capacity') };
}
export const dynamic = 'force-dynamic';

export default async function CapacityPage() {
  const viewer = await viewerOrRedirect();
  // The admin's page: not found for the family (both verbs check it). The history needs the
  // database; the live figures do not, so they render while it is away.
  const [capacity, memory] = await Promise.all([load(() => getCapacity()), loadPart(() => getMemoryHistory())]);
  return (
    <>
      <CapacityView initial={capacity} devPower={can(viewer.role, 'dev:power')} />
      <div className="mt-4">
        {memory ? <MemoryHistoryCard initial={memory} /> : <HistoryUnavailable memory />}
      </div>
    </>
  );
}

import type { Metadata } from 'next';
import { ServiceHistoryView } from '@/components/history/service-history-view';
import { getServiceHistory } from '@/server/services/history/get-service-history';
import { load } from '../../../_lib/load';
import { viewerOrRedirect } from '../../../_lib/viewer';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ app: string }> }): Promise<Metadata> {
  return { title: (await params).app };
}

export default async function ServiceHistoryPage({ params }: { params: Promise<{ cluster: string; app: string }> }) {
  await viewerOrRedirect();
  const { cluster, app } = await params;
  const history = await load(() => getServiceHistory({ cluster, app }));
  return <ServiceHistoryView initial={history} />;
}

import type { Metadata } from 'next';
import { ClustersView } from '@/components/dashboard/clusters-view';
import { requestLocale } from '@/components/providers/locale';
import { listClusters } from '@/server/services/clusters/list-clusters';
import { load } from '../_lib/load';
import { viewerOrRedirect } from '../_lib/viewer';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await requestLocale()).t('nav.clusters') };
}
export const dynamic = 'force-dynamic';

export default async function ClustersPage() {
  await viewerOrRedirect();
  const clusters = await load(() => listClusters()); // the admin's page: not found for the family
  return <ClustersView initial={clusters} />;
}

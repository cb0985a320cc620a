import type { Metadata } from 'next';
import { ClustersView } from '@/components/dashboard/clusters-view';
import { AppProviders } from '@/components/providers/app-providers';
import { requestLocale } from '@/components/providers/locale';
import { listClusters } from '@/server/services/clusters/list-clusters';

export const metadata: Metadata = { title: 'Clusters' };
export const dynamic = 'force-dynamic';

export default async function ClustersPage() {
  const [{ locale, messages }, clusters] = await Promise.all([requestLocale(), listClusters()]);
  return (
    <AppProviders locale={locale} messages={messages}>
      <ClustersView initial={clusters} />
    </AppProviders>
  );
}

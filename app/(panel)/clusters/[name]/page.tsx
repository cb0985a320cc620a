import type { Metadata } from 'next';
import { ClusterDetailView } from '@/components/dashboard/cluster-detail-view';
import { AppProviders } from '@/components/providers/app-providers';
import { requestLocale } from '@/components/providers/locale';
import { AppError } from '@/server/errors';
import { getCluster } from '@/server/services/clusters/get-cluster';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }): Promise<Metadata> {
  return { title: (await params).name.toUpperCase() };
}

export default async function ClusterPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  const { locale, messages, t } = await requestLocale();
  let detail;
  try {
    detail = await getCluster({ name });
  } catch (e) {
    if (e instanceof AppError && (e.code === 'not_found' || e.code === 'validation')) {
      return (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-red-900 dark:bg-red-950 dark:text-red-100">
          {t('cluster.notFound', { name: name.slice(0, 42) })}
        </p>
      );
    }
    throw e;
  }
  return (
    <AppProviders locale={locale} messages={messages}>
      <ClusterDetailView initial={detail} />
    </AppProviders>
  );
}

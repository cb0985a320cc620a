import type { Metadata } from 'next';
import { ClusterDetailView } from '@/components/dashboard/cluster-detail-view';
import { AppProviders } from '@/components/providers/app-providers';
import { requestLocale } from '@/components/providers/locale';
import { AppError } from '@/server/errors';
import { DevPowerCard } from '@/components/gaming/dev-power-card';
import { can } from '@/lib/permissions';
import { getCluster } from '@/server/services/clusters/get-cluster';
import { viewerOrRedirect } from '../../_lib/viewer';

// The DEV cluster's page also carries the admin's power buttons for its VMs (Proxmox tag `dev`).
const DEV_CLUSTER = 'dev';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }): Promise<Metadata> {
  return { title: (await params).name.toUpperCase() };
}

export default async function ClusterPage({ params }: { params: Promise<{ name: string }> }) {
  const viewer = await viewerOrRedirect();
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
      {name === DEV_CLUSTER && can(viewer.role, 'dev:power') ? (
        <div className="mt-4 max-w-xl">
          <DevPowerCard />
        </div>
      ) : null}
    </AppProviders>
  );
}

import type { Metadata } from 'next';
import { ClusterDetailView } from '@/components/dashboard/cluster-detail-view';
import { DevPowerCard } from '@/components/gaming/dev-power-card';
import { ClusterHistory } from '@/components/history/cluster-history';
import { HistoryUnavailable } from '@/components/history/history-unavailable';
import { can } from '@/lib/permissions';
import { getCluster } from '@/server/services/clusters/get-cluster';
import { getClusterHistory } from '@/server/services/history/get-cluster-history';
import { load, loadPart } from '../../_lib/load';
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
  const [detail, history] = await Promise.all([load(() => getCluster({ name })), loadPart(() => getClusterHistory({ name }))]);
  return (
    <>
      <ClusterDetailView initial={detail} />
      <div className="mt-4 max-w-3xl">
        {history ? <ClusterHistory initial={history} /> : <HistoryUnavailable />}
      </div>
      {name === DEV_CLUSTER && can(viewer.role, 'dev:power') ? (
        <div className="mt-4 max-w-xl">
          <DevPowerCard />
        </div>
      ) : null}
    </>
  );
}

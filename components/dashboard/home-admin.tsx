'use client';
import type { HomeDto } from '@/lib/live/dto';
import { useI18n } from '../providers/i18n';
import { ProxmoxPanel } from './capacity-panels';
import { ClusterCard } from './cluster-card';

// The admin's part of the home screen (clusters, the Proxmox host, the promotions badge): its own
// chunk, loaded only for the admin (components/dashboard/home-view.tsx), so family phones never
// download it. It renders last on the page, with nothing below it: its arrival moves nothing.
export function HomeAdmin({ admin, fetchedAt, promotions }: { admin: NonNullable<HomeDto['admin']>; fetchedAt: number; promotions: React.ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <section aria-labelledby="clusters-h" className="grid gap-2">
        <h2 id="clusters-h" className="text-lg font-semibold">{t('home.clusters')}</h2>
        <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
          {admin.clusters.map((c) => (
            <ClusterCard key={c.name} c={c} fetchedAt={fetchedAt} />
          ))}
        </div>
      </section>
      <section aria-label={t('home.capacity')} className="grid gap-3 md:grid-cols-2">
        <ProxmoxPanel p={admin.capacity.proxmox} fetchedAt={fetchedAt} compact />
        {promotions}
      </section>
    </>
  );
}

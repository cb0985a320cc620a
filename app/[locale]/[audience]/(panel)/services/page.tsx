import type { Metadata } from 'next';
import { ServicesView, type ServiceFilters } from '@/components/dashboard/services-view';
import { requestLocale } from '@/components/providers/locale';
import { listApps } from '@/server/services/apps/list-apps';
import { load } from '../_lib/load';
import { viewerOrRedirect } from '../_lib/viewer';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await requestLocale()).t('nav.services') };
}
export const dynamic = 'force-dynamic';

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

export default async function ServicesPage({ searchParams }: { searchParams: Promise<Search> }) {
  await viewerOrRedirect();
  const sp = await searchParams;
  const filters: ServiceFilters = { cluster: one(sp.cluster), health: one(sp.health), sync: one(sp.sync), q: one(sp.q), page: one(sp.page) || '1' };
  const page = await load(() => listApps(filters));
  return <ServicesView initial={page} filters={filters} />;
}

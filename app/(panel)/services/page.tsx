import type { Metadata } from 'next';
import { ServicesView, type ServiceFilters } from '@/components/dashboard/services-view';
import { AppProviders } from '@/components/providers/app-providers';
import { requestLocale } from '@/components/providers/locale';
import { AppError } from '@/server/errors';
import { listApps } from '@/server/services/apps/list-apps';
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
  const { locale, messages } = await requestLocale();
  let page;
  try {
    page = await listApps(filters);
  } catch (e) {
    if (e instanceof AppError && e.code === 'validation') {
      return <p role="alert" className="rounded-lg bg-red-50 p-3 text-red-900 dark:bg-red-950 dark:text-red-100">{e.message}</p>;
    }
    throw e;
  }
  return (
    <AppProviders locale={locale} messages={messages}>
      <ServicesView initial={page} filters={filters} />
    </AppProviders>
  );
}

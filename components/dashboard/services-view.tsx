'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { HEALTH_VALUES, SYNC_VALUES, type AppPage } from '@/lib/live/dto';
import { useI18n } from '../providers/i18n';
import { FreshnessNote } from '../ui/freshness';
import { AppTable } from './app-table';
import { useServices } from './queries';

// Every application, filtered and paginated by the server. The filters live in the URL (shareable,
// back button works); the form also works without JavaScript (GET).
export type ServiceFilters = { cluster: string; health: string; sync: string; q: string; page: string };

export function ServicesView({ initial, filters }: { initial: AppPage; filters: ServiceFilters }) {
  const { t } = useI18n();
  const router = useRouter();
  const [f, setF] = useState(filters);
  const q = useServices(filters, initial);
  const d = q.data ?? initial;
  const field = 'mt-1 w-full rounded-lg border border-slate-300 bg-white px-2 py-2 dark:border-slate-700 dark:bg-slate-900';
  const go = (next: Partial<ServiceFilters>) => {
    const all = { ...f, ...next };
    const qs = new URLSearchParams(Object.entries(all).filter(([k, v]) => v && !(k === 'page' && v === '1'))).toString();
    router.push(`/services${qs ? `?${qs}` : ''}`);
  };
  const select = (name: 'cluster' | 'health' | 'sync', label: string, values: string[]) => (
    <label className="text-sm font-medium">
      {label}
      <select name={name} value={f[name]} className={field} onChange={(e) => setF({ ...f, [name]: e.target.value })}>
        <option value="">{t('services.any')}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-bold">{t('services.title')}</h1>
      <form
        method="get"
        action="/services"
        aria-label={t('services.title')}
        className="grid grid-cols-2 gap-2 sm:grid-cols-5 sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          go({ page: '1' });
        }}
      >
        <label className="col-span-2 text-sm font-medium sm:col-span-1">
          {t('services.search')}
          <input type="search" name="q" value={f.q} placeholder={t('services.searchPlaceholder')} className={field} onChange={(e) => setF({ ...f, q: e.target.value })} />
        </label>
        {select('cluster', t('services.cluster'), d.clusters)}
        {select('health', t('services.health'), HEALTH_VALUES)}
        {select('sync', t('services.sync'), SYNC_VALUES)}
        <button type="submit" className="rounded-lg bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800">
          {t('services.apply')}
        </button>
      </form>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm" role="status" data-testid="services-count">
          {t('services.count', { shown: d.total, total: d.all })}
        </p>
        <FreshnessNote f={d.freshness} source="Argo CD" fetchedAt={q.dataUpdatedAt} />
      </div>
      {d.items.length === 0 ? <p>{t('services.none')}</p> : <AppTable apps={d.items} />}
      {d.pages > 1 ? (
        <nav aria-label={t('services.page', { page: d.page, pages: d.pages })} className="flex items-center gap-3">
          <button type="button" className="rounded-lg border px-3 py-2 disabled:opacity-50" disabled={d.page <= 1} onClick={() => go({ page: String(d.page - 1) })}>
            {t('services.prev')}
          </button>
          <span className="text-sm">{t('services.page', { page: d.page, pages: d.pages })}</span>
          <button type="button" className="rounded-lg border px-3 py-2 disabled:opacity-50" disabled={d.page >= d.pages} onClick={() => go({ page: String(d.page + 1) })}>
            {t('services.next')}
          </button>
        </nav>
      ) : null}
    </div>
  );
}

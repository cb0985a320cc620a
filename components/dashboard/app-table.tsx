'use client';
import Link from 'next/link';
import type { AppDto } from '@/lib/live/types';
import { useI18n } from '../providers/i18n';
import { StatusDot } from '../ui/status-dot';
import { HEALTH_TONE, SYNC_TONE } from './health-words';

// Applications as a list of rows that reflow into cards on a phone (no horizontal scrolling).
export function AppTable({ apps, showCluster = true }: { apps: AppDto[]; showCluster?: boolean }) {
  const { t } = useI18n();
  return (
    <ul className="grid gap-2" data-testid="app-list">
      {apps.map((a) => (
        <li key={`${a.appNamespace}/${a.name}`} data-testid="app-row" data-app={a.name} data-health={a.health} className="grid gap-1 rounded-lg border border-slate-200 bg-white p-3 text-sm sm:grid-cols-[minmax(0,2fr)_1fr_1fr_minmax(0,2fr)] sm:items-center dark:border-slate-800 dark:bg-slate-900">
          <div className="min-w-0">
            <p className="truncate font-semibold">
              <Link prefetch={false} href={`/services/${encodeURIComponent(a.cluster)}/${encodeURIComponent(a.name)}`} className="underline decoration-slate-400 underline-offset-2 hover:text-blue-700 dark:hover:text-blue-300" data-testid="app-history-link">
                {a.meta.displayName !== a.name ? `${a.meta.displayName} (${a.name})` : a.name}
              </Link>
            </p>
            <p className="truncate text-slate-600 dark:text-slate-400">
              {showCluster ? `${a.cluster} · ` : ''}
              {a.namespace}
            </p>
          </div>
          <StatusDot tone={SYNC_TONE[a.sync]} label={a.sync} />
          <StatusDot tone={HEALTH_TONE[a.health]} label={a.health} />
          <div className="min-w-0">
            <p className="truncate font-mono text-xs" title={a.images.join(', ')}>
              <span className="sr-only">{t('services.images')}: </span>
              {a.images.map((i) => i.split('/').pop()).join(', ') || '—'}
            </p>
            {a.meta.url ? (
              <a href={a.meta.url} className="text-blue-700 underline dark:text-blue-300" target="_blank" rel="noopener noreferrer">
                {a.meta.url.replace(/^https?:\/\//, '')}
              </a>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

'use client';
import { formatCores, formatGb, formatTime } from '@/lib/format';
import type { ClusterDetailDto } from '@/lib/live/dto';
import { useI18n } from '../providers/i18n';
import { Card } from '../ui/card';
import { FreshnessNote } from '../ui/freshness';
import { StatusDot } from '../ui/status-dot';
import { useNow } from '../ui/use-now';
import { AppTable } from './app-table';
import { ClusterCard } from './cluster-card';
import { useCluster } from './queries';

const strip = (v: string | null) => (v ?? '').replace(/^v/, '');

export function ClusterDetailView({ initial }: { initial: ClusterDetailDto }) {
  const { t, locale } = useI18n();
  const now = useNow(30_000);
  const q = useCluster(initial.name, initial);
  const c = q.data;
  const tpl = c.template;
  const drift = (running: string | null, wanted: string | null | undefined) => (wanted && strip(running) !== strip(wanted) ? 'warn' : 'good');
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">{c.displayName}</h1>
        {c.omniUrl ? (
          <a href={c.omniUrl} className="text-blue-700 underline dark:text-blue-300" target="_blank" rel="noopener noreferrer">
            {t('cluster.openOmni')}
          </a>
        ) : null}
      </div>
      <div className="grid gap-3 lg:grid-cols-2">
        <ClusterCard c={c} fetchedAt={q.dataUpdatedAt} link={false} />
        <Card title={t('cluster.versionsTitle')}>
          <table className="w-full text-left text-sm" data-testid="versions">
            <thead>
              <tr>
                <th scope="col"><span className="sr-only">{t('cluster.versionsTitle')}</span></th>
                <th scope="col">{t('cluster.running')}</th>
                <th scope="col">{t('cluster.template')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row" className="font-normal">{t('cluster.kubernetes')}</th>
                <td>{c.versions.kubernetes ?? '—'}</td>
                <td>{tpl ? <StatusDot tone={drift(c.versions.kubernetes, tpl.kubernetesVersion)} label={tpl.kubernetesVersion ?? '—'} /> : '—'}</td>
              </tr>
              <tr>
                <th scope="row" className="font-normal">{t('cluster.talos')}</th>
                <td>{c.versions.talos ?? '—'}</td>
                <td>{tpl ? <StatusDot tone={drift(c.versions.talos, tpl.talosVersion)} label={tpl.talosVersion ?? '—'} /> : '—'}</td>
              </tr>
            </tbody>
          </table>
          {!c.templateChecked ? <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">{t('cluster.templateUnavailable')}</p> : null}
        </Card>
      </div>
      <Card title={t('cluster.nodes')}>
        <ul className="grid gap-2" data-testid="node-list">
          {c.nodes.map((n) => (
            <li key={n.name} className="grid gap-1 border-t border-slate-200 pt-2 text-sm first:border-0 first:pt-0 sm:grid-cols-4 dark:border-slate-800">
              <span className="font-semibold">{n.name}</span>
              <span>{n.roles.join(', ')}</span>
              <StatusDot tone={n.ready ? 'good' : 'bad'} label={n.ready ? t('cluster.ready') : t('cluster.notReady')} />
              <span className="tabular-nums">
                {t('cluster.cpu')} {n.cpuUsedMilli === null ? '—' : formatCores(n.cpuUsedMilli, locale)}/{formatCores(n.cpuAllocatableMilli, locale)} · {t('cluster.memory')}{' '}
                {n.memUsedBytes === null ? '—' : formatGb(n.memUsedBytes, locale)}/{formatGb(n.memAllocatableBytes, locale)}
              </span>
            </li>
          ))}
        </ul>
      </Card>
      <div className="grid gap-3 lg:grid-cols-2">
        <Card title={t('cluster.notReadyPods')}>
          {c.notReadyPods.length === 0 ? (
            <p className="text-sm">{t('cluster.noNotReadyPods')}</p>
          ) : (
            <ul className="grid gap-1 text-sm">
              {c.notReadyPods.map((p) => (
                <li key={`${p.namespace}/${p.name}`} className="break-all">
                  <StatusDot tone="bad" label={`${p.namespace}/${p.name}${p.reason ? ` · ${p.reason}` : ''} · ${t('cluster.restarts', { n: p.restarts })}`} />
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={t('cluster.warnings')}>
          {c.warnings.length === 0 ? (
            <p className="text-sm">{t('cluster.noWarnings')}</p>
          ) : (
            <ul className="grid gap-2 text-sm">
              {c.warnings.map((w, i) => (
                <li key={i} className="break-words">
                  <span className="font-semibold" suppressHydrationWarning>{w.at ? formatTime(w.at, locale, now || undefined) : ''}</span> {w.namespace}/{w.object} · {w.reason}
                  {w.count > 1 ? ` ×${w.count}` : ''}: {w.message}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      <section aria-labelledby="apps-h" className="grid gap-2">
        <h2 id="apps-h" className="text-lg font-semibold">{t('cluster.argoApps')}</h2>
        <FreshnessNote f={c.appsFreshness} source="Argo CD" fetchedAt={q.dataUpdatedAt} />
        <AppTable apps={c.appList} showCluster={false} />
      </section>
    </div>
  );
}

'use client';
import Link from 'next/link';
import { formatCores, formatGb } from '@/lib/format';
import type { ClusterSummary } from '@/lib/live/types';
import { useI18n } from '../providers/i18n';
import { Card } from '../ui/card';
import { FreshnessNote } from '../ui/freshness';
import { Meter } from '../ui/meter';
import { StatusDot } from '../ui/status-dot';

// One cluster's card: reachable, versions, nodes ready, CPU/RAM used vs allocatable, pods, apps.
export function ClusterCard({ c, fetchedAt, link = true }: { c: ClusterSummary; fetchedAt: number; link?: boolean }) {
  const { t, locale } = useI18n();
  const title = link ? (
    <Link prefetch={false} href={`/clusters/${c.name}`} className="underline-offset-2 hover:underline" aria-label={t('cluster.details', { name: c.displayName })}>
      {c.displayName}
    </Link>
  ) : (
    c.displayName
  );
  const usage = (used: number | null, total: number, fmt: (n: number) => string) => (used === null ? `${t('cluster.noMetrics')} · ${fmt(total)}` : t('cluster.usedOf', { used: fmt(used), total: fmt(total) }));
  return (
    <div data-testid="cluster-card" data-cluster={c.name} data-reachable={c.freshness.reachable}>
      <Card title={title}>
        <div className="grid gap-2">
          <StatusDot tone={c.freshness.reachable ? 'good' : 'bad'} label={c.freshness.reachable ? t('cluster.reachable') : t('cluster.unreachable')} />
          <p className="text-sm">
            {t('cluster.kubernetes')} {c.versions.kubernetes ?? '—'} · {t('cluster.talos')} {c.versions.talos ?? '—'}
          </p>
          <StatusDot tone={c.nodesReady === c.nodesTotal && c.nodesTotal > 0 ? 'good' : 'warn'} label={t('cluster.nodesReady', { ready: c.nodesReady, total: c.nodesTotal })} />
          <Meter label={t('cluster.cpu')} used={c.cpuUsedMilli} total={c.cpuAllocatableMilli} text={usage(c.cpuUsedMilli, c.cpuAllocatableMilli, (n) => formatCores(n, locale))} />
          <Meter label={t('cluster.memory')} used={c.memUsedBytes} total={c.memAllocatableBytes} text={usage(c.memUsedBytes, c.memAllocatableBytes, (n) => formatGb(n, locale))} />
          <p className="text-sm">
            {t('cluster.pods', { total: c.pods.total, notReady: c.pods.notReady })} · {t('cluster.restarts', { n: c.pods.restarts })}
          </p>
          {c.apps.total > 0 ? <p className="text-sm">{t('cluster.apps', { ...c.apps })}</p> : null}
          <FreshnessNote f={c.freshness} source={c.displayName} fetchedAt={fetchedAt} />
        </div>
      </Card>
    </div>
  );
}

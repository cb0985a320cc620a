'use client';
import type { ClusterSummary } from '@/lib/live/types';
import { useI18n } from '../providers/i18n';
import { ClusterCard } from './cluster-card';
import { useClusters } from './queries';

export function ClustersView({ initial }: { initial: ClusterSummary[] }) {
  const { t } = useI18n();
  const q = useClusters(initial);
  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-bold">{t('clusters.title')}</h1>
      {q.data.length === 0 ? <p>{t('clusters.none')}</p> : null}
      <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
        {q.data.map((c) => (
          <ClusterCard key={c.name} c={c} fetchedAt={q.dataUpdatedAt} />
        ))}
      </div>
    </div>
  );
}

'use client';
import { formatTime } from '@/lib/format';
import type { ClusterHistoryDto, NodeBucket } from '@/lib/history/dto';
import { useI18n } from '../providers/i18n';
import { Card } from '../ui/card';
import { AvailabilityStrip, StripLegend } from './availability-strip';
import { useClusterHistory } from './queries';

// A cluster's history: reachable from the panel (24 h, 7 days) and its ready nodes over 7 days.
export function ClusterHistory({ initial }: { initial: ClusterHistoryDto }) {
  const { t } = useI18n();
  const d = useClusterHistory(initial).data;
  return (
    <Card title={t('history.title')}>
      <div className="grid gap-4" data-testid="cluster-history">
        <h3 className="text-sm font-semibold">{t('history.reachability')}</h3>
        <AvailabilityStrip strip={d.reachability.day} label={t('history.day')} now={d.now} uptimeKey="history.reach.uptime" testId="reach-day" />
        <AvailabilityStrip strip={d.reachability.week} label={t('history.week')} now={d.now} uptimeKey="history.reach.uptime" testId="reach-week" />
        <NodeStrip buckets={d.nodes} now={d.now} />
        <StripLegend />
      </div>
    </Card>
  );
}

const FILL = { up: 'fill-green-700 dark:fill-green-500', down: 'fill-amber-700 dark:fill-amber-400', unknown: 'fill-slate-500 dark:fill-slate-400' } as const;

function NodeStrip({ buckets, now }: { buckets: NodeBucket[]; now: number }) {
  const { t, locale } = useI18n();
  const known = buckets.filter((b) => b.minReady !== null);
  const text = (b: NodeBucket) =>
    b.minReady === null ? t('history.bucket.unknown', { from: formatTime(b.from, locale, now), to: formatTime(b.to, locale, now) }) : t('history.bucket.nodes', { from: formatTime(b.from, locale, now), to: formatTime(b.to, locale, now), ready: b.minReady, total: b.total ?? 0 });
  const worst = known.filter((b) => b.state === 'down');
  return (
    <figure className="grid gap-1" data-testid="node-history">
      <figcaption className="text-sm font-medium">{t('history.nodes')}</figcaption>
      {known.length === 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">{t('history.nodesNone')}</p>
      ) : (
        <>
          <svg viewBox={`0 0 ${buckets.length * 4} 30`} preserveAspectRatio="none" className="h-8 w-full" role="img" aria-label={worst.length ? worst.slice(-3).map(text).join('. ') : text(known[known.length - 1])}>
            {buckets.map((b, i) => {
              const h = b.minReady === null || !b.total ? 10 : 6 + 24 * (b.minReady / b.total);
              return (
                <rect key={b.from} x={i * 4 + 0.4} y={30 - h} width={3.2} height={h} className={FILL[b.state]}>
                  <title>{text(b)}</title>
                </rect>
              );
            })}
          </svg>
          {worst.length ? (
            <ul className="list-disc pl-5 text-sm">
              {worst.slice(-5).reverse().map((b) => (
                <li key={b.from}>{text(b)}</li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </figure>
  );
}

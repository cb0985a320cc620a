'use client';
import { formatAgo, formatTime } from '@/lib/format';
import type { Freshness } from '@/lib/live/types';
import { useLiveStream } from '../live/use-live-stream';
import { useI18n } from '../providers/i18n';
import { Badge } from './badge';
import { useNow } from './use-now';

// How fresh a card's data is: "Live" while its source is reachable and the stream is open,
// "Updated 2 min ago" otherwise, or a Stale badge with the time of the last good data.
export function FreshnessNote({ f, source, fetchedAt }: { f: Freshness; source: string; fetchedAt: number }) {
  const { t, locale } = useI18n();
  const live = useLiveStream();
  const now = useNow();
  if (!f.reachable) {
    return (
      <p className="flex flex-wrap items-center gap-2 text-xs text-amber-900 dark:text-amber-200" data-testid="freshness" data-state="stale">
        <Badge tone="warn">
          <span data-testid="stale-badge">{t('fresh.staleBadge')}</span>
        </Badge>
        <span suppressHydrationWarning>{f.lastSuccess ? t('fresh.stale', { time: formatTime(f.lastSuccess, locale, now || undefined) }) : t('fresh.staleNever', { source })}</span>
      </p>
    );
  }
  if (f.lastSuccess === null) return <p className="text-xs text-slate-500" data-testid="freshness" data-state="never">{t('fresh.never')}</p>;
  return (
    <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="freshness" data-state="live" suppressHydrationWarning>
      {live === 'open' ? t('live.connected') : t('fresh.updated', { ago: now ? formatAgo(fetchedAt, now, t) : '' })}
    </p>
  );
}

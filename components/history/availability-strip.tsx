'use client';
import { useState } from 'react';
import { formatTime } from '@/lib/format';
import type { StripDto } from '@/lib/history/dto';
import type { Availability } from '@/lib/history/uptime';
import type { MessageKey } from '@/lib/i18n';
import { formatDuration } from '@/lib/i18n/message';
import { useI18n } from '../providers/i18n';

// An availability strip drawn by hand in SVG: one bar per bucket, shape as well as colour (a down
// bar is full height, an unwatched one is a short grey stub). One tab stop; the arrow keys walk the
// buckets and a live line says each one in words. The text alternative: the figure and the outages.
// Classes, not colours: both themes keep 3:1 against their background (WCAG non-text contrast).
const FILL: Record<Availability, string> = { up: 'fill-green-700 dark:fill-green-500', down: 'fill-red-700 dark:fill-red-400', unknown: 'fill-slate-500 dark:fill-slate-400' };
const SWATCH: Record<Availability, string> = { up: 'bg-green-700 dark:bg-green-500', down: 'bg-red-700 dark:bg-red-400', unknown: 'bg-slate-500 dark:bg-slate-400' };
const HEIGHT: Record<Availability, number> = { up: 24, down: 28, unknown: 10 };

export function formatPct(ratio: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: ratio > 0.999 && ratio < 1 ? 2 : 1 }).format(ratio);
}

export function AvailabilityStrip({ strip, label, now, uptimeKey = 'history.uptime', testId }: { strip: StripDto; label: string; now: number; uptimeKey?: MessageKey; testId?: string }) {
  const { t, locale } = useI18n();
  const [focus, setFocus] = useState<number | null>(null);
  const n = strip.buckets.length;
  const when = (ms: number) => formatTime(ms, locale, now);
  const uptimeText = strip.uptime.ratio === null ? t('history.uptimeNone') : t(uptimeKey, { pct: formatPct(strip.uptime.ratio, locale) });
  const outageText = (o: { from: number; to: number }) =>
    o.to >= strip.to ? t('history.outageNow', { from: when(o.from), duration: formatDuration(o.to - o.from, t) }) : t('history.outage', { from: when(o.from), to: when(o.to), duration: formatDuration(o.to - o.from, t) });
  const bucketText = (i: number) => {
    const b = strip.buckets[i];
    const vars = { from: when(b.from), to: when(b.to), duration: formatDuration(b.downMs, t) };
    return t(`history.bucket.${b.state}`, vars);
  };
  const summary = t('history.strip', { window: label, uptime: uptimeText, outages: strip.outages.length ? t('history.outageCount', { n: strip.outages.length }) : t('history.noOutage') });
  const onKey = (e: React.KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : e.key === 'End' ? n : e.key === 'Home' ? -n : 0;
    if (!step) return;
    e.preventDefault();
    setFocus((f) => Math.max(0, Math.min(n - 1, (f ?? n - 1) + step)));
  };
  return (
    <figure className="grid gap-1" data-testid={testId} data-uptime={strip.uptime.ratio ?? ''} data-outages={strip.outages.length}>
      <figcaption className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{label}</span>
        <span data-testid={testId ? `${testId}-uptime` : undefined}>{uptimeText}</span>
      </figcaption>
      <svg
        viewBox={`0 0 ${n * 4} 30`}
        preserveAspectRatio="none"
        className="h-8 w-full rounded focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600"
        role="img"
        aria-label={`${summary} ${t('history.keys')}`}
        tabIndex={0}
        onKeyDown={onKey}
        onBlur={() => setFocus(null)}
      >
        {strip.buckets.map((b, i) => (
          <rect key={b.from} x={i * 4 + 0.4} y={30 - HEIGHT[b.state]} width={3.2} height={HEIGHT[b.state]} className={FILL[b.state]} stroke={focus === i ? '#2563eb' : 'none'} strokeWidth={0.8} data-state={b.state}>
            <title>{bucketText(i)}</title>
          </rect>
        ))}
      </svg>
      <p className="min-h-5 text-xs text-slate-700 dark:text-slate-300" aria-live="polite">
        {focus !== null ? bucketText(focus) : strip.uptime.unknownMs > 60_000 ? t('history.unwatched', { duration: formatDuration(strip.uptime.unknownMs, t) }) : ''}
      </p>
      {strip.outages.length ? (
        <details className="text-sm">
          <summary className="cursor-pointer">{t('history.outages')} ({strip.outages.length})</summary>
          <ul className="mt-1 list-disc pl-5" data-testid={testId ? `${testId}-outages` : undefined}>
            {strip.outages.map((o) => (
              <li key={o.from}>{outageText(o)}</li>
            ))}
          </ul>
        </details>
      ) : (
        <p className="text-sm text-slate-700 dark:text-slate-300">{t('history.noOutage')}</p>
      )}
    </figure>
  );
}

export function StripLegend() {
  const { t } = useI18n();
  return (
    <ul className="flex flex-wrap gap-3 text-xs" aria-hidden="true">
      {(['up', 'down', 'unknown'] as const).map((s) => (
        <li key={s} className="flex items-center gap-1">
          <span className={`inline-block h-3 w-3 rounded-sm ${SWATCH[s]}`} />
          {t(`history.legend.${s}`)}
        </li>
      ))}
    </ul>
  );
}

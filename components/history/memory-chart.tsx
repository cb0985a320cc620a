'use client';
import type { Mode } from '@/lib/capacity';
import { formatGb, formatTime } from '@/lib/format';
import { usedOf, type MemoryHistoryDto } from '@/lib/history/dto';
import { SAMPLE_EVERY_MS } from '@/lib/history/limits';
import { formatDuration } from '@/lib/i18n/message';
import { useI18n } from '../providers/i18n';

// The host's memory over 7 days, drawn by hand in SVG (no chart library): one stacked column per
// sample kept (reserve, DEV, PROD, gaming, other), the mode as a band underneath, gaps left empty.
// Loaded on demand by MemoryHistoryCard, so it costs nothing to pages without it.
const KINDS = ['reserve', 'dev', 'prod', 'gaming', 'other'] as const;
const FILL: Record<(typeof KINDS)[number], string> = { reserve: '#64748b', dev: '#f59e0b', prod: '#2563eb', gaming: '#c026d3', other: '#0d9488' };
const MODE_FILL: Record<Mode, string> = { Normal: '#94a3b8', Testing: '#f59e0b', Gaming: '#c026d3' };
const W = 700;
const H = 160;
const BAND = 10;

export default function MemoryChart({ d }: { d: MemoryHistoryDto }) {
  const { t, locale } = useI18n();
  const span = d.to - d.from;
  const top = Math.max(d.totalBytes ?? 0, ...d.points.map(usedOf), 1);
  const x = (at: number) => ((at - d.from) / span) * W;
  const colW = Math.max(1, (W * SAMPLE_EVERY_MS * 6) / span);
  const y = (bytes: number) => (bytes / top) * H;
  const dur = (ms: number) => formatDuration(ms, t);
  const modes = t('history.memory.modes', { normal: dur(d.modeMs.Normal), testing: dur(d.modeMs.Testing), gaming: dur(d.modeMs.Gaming), unknown: dur(d.unknownMs) });
  const peak = d.peak
    ? t('history.memory.peak', { used: formatGb(usedOf(d.peak), locale), total: formatGb(d.totalBytes ?? usedOf(d.peak), locale), time: formatTime(d.peak.at, locale, d.to), mode: t(`capacity.mode.${d.peak.mode}`) })
    : '';
  return (
    <figure className="grid gap-2" data-testid="memory-chart">
      <svg viewBox={`0 0 ${W} ${H + BAND + 4}`} className="h-44 w-full" role="img" aria-label={`${t('history.memory.title')}. ${modes} ${peak}`}>
        {d.totalBytes ? <line x1={0} x2={W} y1={H - y(d.totalBytes)} y2={H - y(d.totalBytes)} stroke="#0f172a" strokeDasharray="4 3" strokeWidth={1} /> : null}
        {d.points.map((p) => {
          let base = 0;
          return (
            <g key={p.at}>
              {KINDS.map((k) => {
                const h = y(p[k]);
                base += h;
                return h > 0 ? <rect key={k} x={x(p.at)} y={H - base} width={colW} height={h} fill={FILL[k]} /> : null;
              })}
              <rect x={x(p.at)} y={H + 4} width={colW} height={BAND} fill={MODE_FILL[p.mode]} />
            </g>
          );
        })}
      </svg>
      <figcaption className="grid gap-1 text-sm">
        <span>{modes}</span>
        {peak ? <span>{peak}</span> : null}
        <span className="flex flex-wrap gap-3 text-xs" aria-hidden="true">
          {KINDS.map((k) => (
            <span key={k} className="flex items-center gap-1">
              <span className="inline-block h-3 w-3 rounded-sm" style={{ background: FILL[k] }} />
              {t(`capacity.seg.${k}`)}
            </span>
          ))}
          {(['Normal', 'Testing', 'Gaming'] as const).map((m) => (
            <span key={m} className="flex items-center gap-1">
              <span className="inline-block h-2 w-4 rounded-sm" style={{ background: MODE_FILL[m] }} />
              {t(`capacity.mode.${m}`)}
            </span>
          ))}
        </span>
      </figcaption>
    </figure>
  );
}

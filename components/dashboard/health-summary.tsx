'use client';
import { formatTime } from '@/lib/format';
import type { HomeHealth } from '@/lib/health';
import type { Translate } from '@/lib/i18n';
import type { Locale } from '@/lib/i18n';
import { useI18n } from '../providers/i18n';
import { StatusDot } from '../ui/status-dot';
import { useNow } from '../ui/use-now';

/** Plain-words sentences for the home screen ("Music is down since 14:05"). */
export function healthSentences(h: HomeHealth, t: Translate, locale: Locale, now: number): string[] {
  if (h.kind === 'ok') return [t('home.allGood')];
  if (h.kind === 'empty') return [t('home.empty')];
  return h.items.map((i) => {
    const time = i.since ? formatTime(i.since, locale, now || undefined) : null;
    if (i.state === 'down') return time ? t('home.down', { name: i.name, time }) : t('home.downNoTime', { name: i.name });
    if (i.state === 'updating') return t('home.updating', { name: i.name });
    return time ? t('home.unknown', { name: i.name, time }) : t('home.unknownNoTime', { name: i.name });
  });
}

export function HealthSummary({ health }: { health: HomeHealth }) {
  const { t, locale } = useI18n();
  const now = useNow(30_000);
  const lines = healthSentences(health, t, locale, now);
  const tone = health.kind === 'ok' ? 'good' : health.kind === 'empty' ? 'unknown' : health.items.some((i) => i.state === 'down') ? 'bad' : 'warn';
  return (
    <ul className="grid gap-1" data-testid="health-summary" aria-live="polite">
      {lines.map((l) => (
        <li key={l} className="text-lg" suppressHydrationWarning>
          <StatusDot tone={tone} label={l} className="text-lg" />
        </li>
      ))}
    </ul>
  );
}

// Display formatting shared by server and client: times, ages, bytes, cores. Locale-aware, pure.
import type { Locale, Translate } from './i18n';

/** "14:05" in the viewer's locale; the date is added when it is not today. */
export function formatTime(ms: number, locale: Locale, now = Date.now(), timeZone?: string): string {
  const d = new Date(ms);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  const opts: Intl.DateTimeFormatOptions = sameDay ? { hour: '2-digit', minute: '2-digit', timeZone } : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone };
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', opts).format(d);
}

export function formatAgo(ms: number, now: number, t: Translate): string {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 5) return t('ago.now');
  if (s < 60) return t('ago.seconds', { n: s });
  if (s < 3600) return t('ago.minutes', { n: Math.floor(s / 60) });
  if (s < 86_400) return t('ago.hours', { n: Math.floor(s / 3600) });
  return t('ago.days', { n: Math.floor(s / 86_400) });
}

/** Bytes as GB with one decimal under 10 ("3.5 GB", "52 GB"). */
export function formatGb(bytes: number, locale: Locale): string {
  const gb = bytes / 1024 ** 3;
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: gb < 10 ? 1 : 0 }).format(gb);
  return `${n} ${locale === 'fr' ? 'Go' : 'GB'}`;
}

export function formatCores(milli: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(milli / 1000);
}

export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.min(100, Math.round((part / whole) * 100)) : 0;
}

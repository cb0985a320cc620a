'use client';
import { useState } from 'react';
import { Progress } from '@/components/ui/progress';
import { formatTime } from '@/lib/format';
import type { GamingStateDto } from '@/lib/gaming/types';
import { useI18n } from '../providers/i18n';
import { useSay } from '../providers/use-say';
import { useGamingAction } from './use-gaming';

// The card's "Ask Paul" side: the family's pending request, the admin's requests to allow (his
// notification's link opens /gaming, where this is), and the admin's hold on DEV with the mode.

const btn = 'min-h-11 rounded-lg px-4 py-2 text-base font-semibold disabled:opacity-50';
const first = (name: string) => name.split(/\s+/)[0];

export function Requests({ s }: { s: GamingStateDto }) {
  const { t, locale } = useI18n();
  const { sayError } = useSay();
  const allow = useGamingAction('allow');
  const [which, setWhich] = useState<string | null>(null);
  const requests = s.requests ?? [];
  if (requests.length === 0) return null;
  const mine = requests.filter((r) => r.mine);
  if (mine.length) {
    return (
      <p role="status" data-testid="gaming-asked" className="mt-2 text-sm font-medium">
        {t('gaming.asked', { admin: s.adminName ?? '', time: formatTime(Date.parse(mine[0].at), locale) })}
      </p>
    );
  }
  const pending = requests.find((r) => r.id === which);
  return (
    <div className="mt-2 grid gap-2" data-testid="gaming-requests">
      {requests.map((r) => (
        <div key={r.id} className="flex flex-wrap items-center gap-2">
          <span className="text-sm font-medium">{t('gaming.request', { name: first(r.byName), time: formatTime(Date.parse(r.at), locale) })}</span>
          <button type="button" className={`${btn} bg-emerald-700 text-white`} disabled={allow.isPending} onClick={() => (setWhich(r.id), allow.mutate({ request: r.id }))}>
            {t('gaming.allow', { name: first(r.byName) })}
          </button>
        </div>
      ))}
      <Progress active={allow.isPending} label={t('gaming.allowing', { name: first(pending?.byName ?? '') })} testId="gaming-allow-progress" />
      {allow.error ? <p role="alert" className="text-sm text-red-700 dark:text-red-300">{sayError(allow.error)}</p> : null}
    </div>
  );
}

/** "HH:MM" today in the browser's time zone, or tomorrow when that time has passed. */
function nextAt(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number);
  const d = new Date();
  d.setHours(h, m, 0, 0);
  if (d.getTime() <= Date.now()) d.setDate(d.getDate() + 1);
  return d.toISOString();
}

function defaultUntil(): string {
  const d = new Date(Date.now() + 2 * 3600_000);
  return `${String(d.getHours()).padStart(2, '0')}:00`;
}

export function DevHold({ s }: { s: GamingStateDto }) {
  const { t, locale } = useI18n();
  const { sayError } = useSay();
  const hold = useGamingAction('hold');
  const [until, setUntil] = useState(defaultUntil);
  // Only the admin's card carries the hold's controls (the requests list is his too).
  if (s.adminName === undefined || s.mode === undefined || !isAdmin(s)) return null;
  return (
    <section aria-labelledby="dev-hold-title" className="mt-4 border-t border-slate-200 pt-3 text-sm dark:border-slate-700" data-testid="dev-hold">
      <h3 id="dev-hold-title" className="font-semibold">{t('gaming.hold.title')}</h3>
      {s.mode ? <p data-testid="gaming-mode" className="mt-1">{t(`gaming.mode.${s.mode}`)}</p> : null}
      {s.hold ? (
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <p data-testid="dev-hold-on">{t('gaming.hold.on', { time: formatTime(Date.parse(s.hold.until), locale) })}</p>
          <button type="button" className={`${btn} border border-slate-300 dark:border-slate-700`} disabled={hold.isPending} onClick={() => hold.mutate({ clear: true })}>
            {t('gaming.hold.clear')}
          </button>
        </div>
      ) : (
        <form className="mt-2 flex flex-wrap items-end gap-2" onSubmit={(e) => (e.preventDefault(), hold.mutate({ until: nextAt(until) }))}>
          <label className="grid gap-1">
            <span>{t('gaming.hold.until')}</span>
            <input type="time" required value={until} onChange={(e) => setUntil(e.target.value)} className="min-h-11 rounded-lg border border-slate-300 bg-white px-2 dark:border-slate-700 dark:bg-slate-900" />
          </label>
          <button type="submit" className={`${btn} bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900`} disabled={hold.isPending}>
            {t('gaming.hold.set')}
          </button>
        </form>
      )}
      <Progress active={hold.isPending} label={t('gaming.hold.setting')} testId="dev-hold-progress" />
      {hold.error ? <p role="alert" className="mt-1 text-red-700 dark:text-red-300">{sayError(hold.error)}</p> : null}
    </section>
  );
}

/** The card was built for the admin: the server sends him every pending request and no "Ask". */
function isAdmin(s: GamingStateDto): boolean {
  return s.viewerIsAdmin === true;
}

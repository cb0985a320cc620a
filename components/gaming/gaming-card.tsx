'use client';
import { QueryClientContext, QueryClientProvider } from '@tanstack/react-query';
import { useContext, useState } from 'react';
import { useLiveStream } from '@/components/live/use-live-stream';
import { getQueryClient } from '@/components/providers/query-client';
import { formatTime } from '@/lib/format';
import type { CardState, GamingStateDto } from '@/lib/gaming/types';
import type { Locale, Translate } from '@/lib/i18n';
import type { Message } from '@/lib/i18n/message';
import { Badge, type Tone } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { Progress } from '@/components/ui/progress';
import { useI18n } from '../providers/i18n';
import { PreflightList } from './preflight-list';
import { DevHold, Requests } from './modes';
import { useGamingAction, useGamingState } from './use-gaming';
import { useSay } from '../providers/use-say';

// The gaming card (journey 1): the state in plain words, who started it and when, the lease's end,
// and Start / Stop / Extend; "Ask Paul" when only the admin can make room, and for the admin the
// requests to allow and his hold on DEV. Live: the event stream invalidates ['gaming'].

const TONE: Record<CardState, Tone> = { off: 'neutral', starting: 'info', booting: 'info', ready: 'good', stopping: 'warn', failed: 'bad', unreachable: 'bad' };
const first = (name: string) => name.split(/\s+/)[0];

// The label is a message ("Ready to play", or "Can't check the gaming PC"), with who and when after it.
function headline(s: GamingStateDto, t: Translate, locale: Locale, say: (m: Message) => string): string {
  const label = say(s.label);
  if (!s.session || s.state === 'off' || s.state === 'failed' || s.state === 'unreachable') return label;
  const time = formatTime(Date.parse(s.session.startedAt), locale);
  // Found running with nobody known behind it (started from Proxmox itself): say since when.
  if (s.session.adopted && s.session.startedByName === 'Proxmox') return t('gaming.byFound', { state: label, time });
  return t('gaming.by', { state: label, name: first(s.session.startedByName), time });
}

function Buttons({ s }: { s: GamingStateDto }) {
  const { t } = useI18n();
  const { sayError } = useSay();
  const start = useGamingAction('start');
  const stop = useGamingAction('stop');
  const extend = useGamingAction('extend');
  const ask = useGamingAction('ask');
  const [confirming, setConfirming] = useState(false);
  const busy = start.isPending || stop.isPending || extend.isPending || ask.isPending;
  const error = start.error ?? stop.error ?? extend.error ?? ask.error;
  const admin = s.adminName ?? '';
  const btn = 'min-h-11 rounded-lg px-4 py-2 text-base font-semibold disabled:opacity-50';
  const grey = `${btn} bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-white`;
  const again = s.state === 'stopping';
  const progress = start.isPending ? t('progress.proxmox') : stop.isPending ? t('gaming.stopping') : extend.isPending ? t('gaming.extending') : ask.isPending ? t('gaming.asking', { admin }) : '';
  const tapStop = () => (s.can.stopConfirm ? setConfirming(true) : stop.mutate({}));
  return (
    <>
      <div className="mt-3 flex flex-wrap gap-2">
        {s.state === 'off' || s.state === 'failed' || s.state === 'unreachable' || (again && s.can.start) || start.isPending ? (
          <button type="button" className={`${btn} bg-emerald-700 text-white`} disabled={busy || !s.can.start} onClick={() => start.mutate({})}>
            {start.isPending ? t('gaming.starting') : again ? t('gaming.startAgain') : t('gaming.start')}
          </button>
        ) : null}
        {s.can.ask || ask.isPending ? (
          <button type="button" className={`${btn} bg-blue-700 text-white`} disabled={busy} onClick={() => ask.mutate({})}>
            {t('gaming.ask', { admin })}
          </button>
        ) : null}
        {(s.can.stop || stop.isPending) && !confirming ? (
          <button type="button" className={grey} disabled={busy} onClick={tapStop}>
            {stop.isPending ? t('gaming.stopping') : t('gaming.stop')}
          </button>
        ) : null}
        {s.can.extend ? (
          <button type="button" className={`${btn} bg-blue-700 text-white`} disabled={busy} onClick={() => extend.mutate({ leaseEndsAt: s.session?.leaseEndsAt })}>
            {extend.isPending ? t('gaming.extending') : t('gaming.extend')}
          </button>
        ) : null}
      </div>
      {confirming && s.can.stop ? (
        <div role="group" aria-labelledby="gaming-stop-confirm" data-testid="gaming-stop-confirm" className="mt-2 rounded-lg border border-amber-300 p-3 dark:border-amber-700">
          <p id="gaming-stop-confirm" className="text-sm font-medium">{t('gaming.stopConfirm', { name: first(s.session?.startedByName ?? '') })}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <button type="button" className={`${btn} bg-red-700 text-white`} disabled={busy} onClick={() => (setConfirming(false), stop.mutate({ confirm: true }))}>
              {t('gaming.stopYes')}
            </button>
            <button type="button" autoFocus className={grey} onClick={() => setConfirming(false)}>
              {t('gaming.stopNo')}
            </button>
          </div>
        </div>
      ) : null}
      <Progress active={busy} label={progress} testId="gaming-progress" />
      {error ? (
        <p role="alert" data-testid="gaming-error" className="mt-2 text-sm text-red-700 dark:text-red-300">
          {sayError(error)}
        </p>
      ) : null}
    </>
  );
}

function Body() {
  const { t, locale } = useI18n();
  const { say, sayError } = useSay();
  const q = useGamingState();
  if (q.isPending) return <p className="text-sm text-slate-600 dark:text-slate-400">{t('gaming.checking')}</p>;
  // A failed refetch keeps the last state on screen, with the error under it.
  if (!q.data) return <p role="alert" className="text-sm text-red-700 dark:text-red-300">{sayError(q.error)}</p>;
  const s = q.data;
  return (
    <div data-testid="gaming-card" data-state={s.state} data-mode={s.mode ?? ''}>
      <p className="flex items-center gap-2 text-lg font-semibold" aria-live="polite">
        <Badge tone={TONE[s.state]}>{s.state === 'ready' ? '●' : '○'}</Badge>
        <span data-testid="gaming-state">{headline(s, t, locale, say)}</span>
      </p>
      {s.detail ? <p data-testid="gaming-detail" className="mt-1 text-sm text-slate-700 dark:text-slate-300">{say(s.detail)}</p> : null}
      {s.notice ? <p className="mt-1 text-sm text-amber-800 dark:text-amber-200">{say(s.notice)}</p> : null}
      {s.session && s.state !== 'stopping' ? (
        <p data-testid="gaming-lease" className="mt-1 text-sm">{t('gaming.until', { time: formatTime(Date.parse(s.session.leaseEndsAt), locale) })}</p>
      ) : null}
      {s.leaseWarning ? <p role="status" className="mt-1 text-sm font-semibold text-amber-800 dark:text-amber-200">{say(s.leaseWarning)}</p> : null}
      {s.preflight ? <PreflightList preflight={s.preflight} /> : null}
      {q.error ? <p role="alert" className="mt-1 text-sm text-red-700 dark:text-red-300">{sayError(q.error)}</p> : null}
      <Requests s={s} />
      <Buttons s={s} />
      <DevHold s={s} />
    </div>
  );
}

// The card's state arrives after the first paint (it asks Proxmox). Its body holds the usual card's
// height from the start (the state line, the checks, the buttons; plus the hold on DEV for the admin),
// and never shrinks below it, so the page under the card does not move when the state lands.
const RESERVE = { family: 'min-h-[11.5rem]', admin: 'min-h-[19.5rem]' };

/**
 * Uses the app's QueryClient, also when rendered outside the providers (the tab's one client).
 * `admin`: the viewer is the admin (his card is taller); the page knows it from the session.
 */
export function GamingCard({ admin = false }: { admin?: boolean }) {
  const { t } = useI18n();
  const outer = useContext(QueryClientContext);
  // Keeps the tab's event stream open while the card is shown: 'gaming' events invalidate ['gaming'].
  useLiveStream();
  const own = outer ? null : getQueryClient();
  const card = (
    <Card title={t('gaming.card')}>
      <div className={admin ? RESERVE.admin : RESERVE.family}>
        <Body />
      </div>
    </Card>
  );
  return own ? <QueryClientProvider client={own}>{card}</QueryClientProvider> : card;
}

'use client';
import { Progress } from '@/components/ui/progress';
import { QueryClientContext, QueryClientProvider, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useContext } from 'react';
import type { WhatIf } from '@/lib/capacity';
import { formatGb } from '@/lib/format';
import type { DevPowerDto } from '@/lib/gaming/types';
import { useLiveStream } from '@/components/live/use-live-stream';
import { getQueryClient } from '@/components/providers/query-client';
import { Card } from '@/components/ui/card';
import { StatusDot } from '@/components/ui/status-dot';
import { useI18n } from '../providers/i18n';
import { queryKeys } from '@/lib/query-keys';
import { apiFetch } from '../providers/api-fetch';
import { useSay } from '../providers/use-say';

// Admin: stop or start the DEV cluster's VMs (same pre-flight and audit as gaming, on the server).
// The key sits under ['gaming'] so the same live events refresh it.

const KEY = queryKeys.devPower();
const GiB = 1024 ** 3;

const call = (body?: unknown) => apiFetch<DevPowerDto>('/api/dev-power', body);

/** The capacity page's what-if for this action ("Start DEV: 40 of 64 GB (fits)"), when it has one. */
function WhatIfLine({ w }: { w: WhatIf | undefined }) {
  const { t } = useI18n();
  if (!w) return null;
  const gb = (b: number) => String(Math.round(b / GiB));
  const verdict = w.fits ? t('capacity.fits') : t('capacity.noFit');
  return <StatusDot tone={w.fits ? 'good' : 'bad'} label={`${t(`capacity.whatIf.${w.action === 'stop-dev' ? 'stop-dev' : 'start-dev'}`, { used: gb(w.usedBytes), total: gb(w.totalBytes) })} (${verdict})`} />;
}

function Body({ whatIfs }: { whatIfs: WhatIf[] }) {
  const { t, locale } = useI18n();
  const { say, sayError } = useSay();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: KEY, queryFn: () => call() });
  const m = useMutation({ mutationFn: (action: 'start' | 'stop') => call({ action }), onSuccess: (d) => qc.setQueryData(KEY, d) });
  if (q.isPending) return <p className="text-sm text-slate-600 dark:text-slate-400">{t('dev.checking')}</p>;
  if (!q.data) return <p role="alert" className="text-sm text-red-700 dark:text-red-300">{sayError(q.error)}</p>;
  const vms = q.data.vms;
  const running = vms.filter((v) => v.running);
  const off = vms.filter((v) => !v.running);
  const size = (n: number) => formatGb(n * GiB, locale);
  const btn = 'min-h-11 rounded-lg px-4 py-2 font-semibold disabled:opacity-50';
  return (
    <div data-testid="dev-power" className="grid gap-2">
      {q.data.notice ? <p className="text-sm text-amber-800 dark:text-amber-200">{say(q.data.notice)}</p> : null}
      {vms.length === 0 && !q.data.notice ? <p className="text-sm">{t('dev.none')}</p> : null}
      <ul className="text-sm">
        {vms.map((v) => (
          <li key={v.vmid} data-testid="dev-vm" data-running={v.running}>
            {t('dev.vm', { name: v.name, gb: size(v.memoryGiB) })} <strong>{v.running ? t('dev.running') : t('dev.off')}</strong>
          </li>
        ))}
      </ul>
      <div className="grid gap-1 text-sm" data-testid="dev-what-if">
        {running.length ? <p>{t('dev.whatIfStop', { gb: size(running.reduce((n, v) => n + v.memoryGiB, 0)) })}</p> : null}
        {off.length ? <p>{t('dev.whatIfStart', { gb: size(off.reduce((n, v) => n + v.memoryGiB, 0)) })}</p> : null}
        <WhatIfLine w={whatIfs.find((w) => w.action === (running.length ? 'stop-dev' : 'start-dev'))} />
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={`${btn} bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-white`} disabled={m.isPending || running.length === 0} onClick={() => m.mutate('stop')}>
          {t('dev.stop')}
        </button>
        <button type="button" className={`${btn} bg-emerald-700 text-white`} disabled={m.isPending || off.length === 0} onClick={() => m.mutate('start')}>
          {t('dev.start')}
        </button>
      </div>
      <Progress active={m.isPending} label={t('progress.proxmox')} testId="dev-power-progress" />
      {m.error ? <p role="alert" className="text-sm text-red-700 dark:text-red-300">{sayError(m.error)}</p> : null}
    </div>
  );
}

/** Admin only (the pages render it for `dev:power`); `whatIfs` come from the capacity page when it has them. */
export function DevPowerCard({ whatIfs = [] }: { whatIfs?: WhatIf[] }) {
  const { t } = useI18n();
  const outer = useContext(QueryClientContext);
  // Keeps the tab's event stream open while the card is shown: 'gaming' events invalidate ['gaming'].
  useLiveStream();
  const own = outer ? null : getQueryClient();
  const card = (
    <Card title={t('dev.title')}>
      {/* The VMs arrive after the first paint (from Proxmox): hold the usual height (two VMs, the
          what-if lines, the buttons) from the start, so the panels under the card do not move. */}
      <div className="min-h-[8rem]">
        <Body whatIfs={whatIfs} />
      </div>
    </Card>
  );
  return own ? <QueryClientProvider client={own}>{card}</QueryClientProvider> : card;
}

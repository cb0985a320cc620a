'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Card } from '@/components/ui/card';
import type { MessageKey } from '@/lib/i18n';
import { DAYS, describeWindow, type Day, type WindowRuleDto, type WindowsDto } from '@/lib/promotions/windows';
import { queryKeys } from '@/lib/query-keys';
import { apiFetch } from '../providers/api-fetch';
import { useI18n } from '../providers/i18n';
import { useSay } from '../providers/use-say';
import { GateBadge } from './state-badge';

// Windows and freezes of promotions (issue 16): what is set, the gate now, and (admin) adding and
// removing them. Dates are typed in the owner's time zone, which the panel names.

const field = 'min-h-11 w-full rounded-lg border border-slate-300 bg-white px-2 dark:border-slate-700 dark:bg-slate-900';
const btn = 'min-h-11 rounded-lg px-4 py-2 font-semibold disabled:opacity-50';

function zoned(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso)).replace(',', '');
}

function Row({ r, timeZone, canEdit }: { r: WindowRuleDto; timeZone: string; canEdit: boolean }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const remove = useMutation({ mutationFn: () => apiFetch(`/api/promotions/windows/${r.id}`, {}, 'DELETE'), onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.promotions() }) });
  const text =
    r.kind === 'freeze'
      ? t('pw.freezeRow', { from: zoned(r.startsAt!, timeZone), to: zoned(r.endsAt!, timeZone), reason: r.reason })
      : t('pw.windowRow', { window: describeWindow({ days: r.days, from: r.from!, to: r.to! }), reason: r.reason });
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 break-words" data-testid={`window-${r.kind}`}>
      <span>{text}</span>
      {canEdit ? (
        <button type="button" className={`${btn} border border-slate-300 dark:border-slate-700`} disabled={remove.isPending} onClick={() => remove.mutate()}>
          {t('pw.remove')}
        </button>
      ) : null}
    </li>
  );
}

/** A labelled date/time input of the form. */
function TimeField({ label, type, value, set }: { label: string; type: 'datetime-local' | 'time'; value: string; set: (v: string) => void }) {
  return (
    <label className="grid gap-1 text-sm font-medium">
      {label}
      <input type={type} className={field} value={value} onChange={(e) => set(e.target.value)} required />
    </label>
  );
}

function AddForm() {
  const { t } = useI18n();
  const { sayError } = useSay();
  const qc = useQueryClient();
  const [kind, setKind] = useState<'freeze' | 'window'>('freeze');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [days, setDays] = useState<Day[]>(['mon', 'tue', 'wed', 'thu', 'fri']);
  const [from, setFrom] = useState('09:00');
  const [to, setTo] = useState('17:00');
  const [reason, setReason] = useState('');
  const add = useMutation({
    mutationFn: () => apiFetch('/api/promotions/windows', kind === 'freeze' ? { kind, startsAt, endsAt, reason } : { kind, days, from, to, reason }),
    onSuccess: () => setReason(''),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.promotions() }),
  });
  return (
    <form className="grid gap-2 sm:grid-cols-2" onSubmit={(e) => (e.preventDefault(), add.mutate())} data-testid="window-form">
      <label className="grid gap-1 text-sm font-medium">
        {t('pw.kind')}
        <select className={field} value={kind} onChange={(e) => setKind(e.target.value as 'freeze' | 'window')}>
          <option value="freeze">{t('pw.freeze')}</option>
          <option value="window">{t('pw.window')}</option>
        </select>
      </label>
      <label className="grid gap-1 text-sm font-medium">
        {t('pw.reason')}
        <input className={field} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('pw.reasonHint')} required minLength={3} maxLength={200} />
      </label>
      {kind === 'freeze' ? (
        <>
          <TimeField label={t('pw.starts')} type="datetime-local" value={startsAt} set={setStartsAt} />
          <TimeField label={t('pw.ends')} type="datetime-local" value={endsAt} set={setEndsAt} />
        </>
      ) : (
        <>
          <fieldset className="sm:col-span-2">
            <legend className="text-sm font-medium">{t('pw.days')}</legend>
            <div className="flex flex-wrap gap-x-3">
              {DAYS.map((d) => (
                <label key={d} className="flex min-h-11 items-center gap-1">
                  <input type="checkbox" className="h-5 w-5" checked={days.includes(d)} onChange={() => setDays((x) => (x.includes(d) ? x.filter((y) => y !== d) : [...x, d]))} />
                  {t(`pw.day.${d}` as MessageKey)}
                </label>
              ))}
            </div>
          </fieldset>
          <TimeField label={t('pw.from')} type="time" value={from} set={setFrom} />
          <TimeField label={t('pw.to')} type="time" value={to} set={setTo} />
        </>
      )}
      <div className="sm:col-span-2">
        <button type="submit" className={`${btn} bg-brand-600 text-white`} disabled={add.isPending}>{t('pw.add')}</button>
        {add.error ? <p role="alert" className="mt-1 text-sm text-red-800 dark:text-red-200">{sayError(add.error)}</p> : null}
      </div>
    </form>
  );
}

export function WindowsPanel({ initial, canEdit }: { initial: WindowsDto; canEdit: boolean }) {
  const { t } = useI18n();
  const { say } = useSay();
  const { data } = useQuery({ queryKey: queryKeys.promotionWindows(), queryFn: () => apiFetch<WindowsDto>('/api/promotions/windows'), initialData: initial });
  return (
    <Card title={t('pw.title')}>
      <div className="grid gap-3" data-testid="windows">
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('pw.intro', { zone: data.timeZone })}</p>
        <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="window-gate" data-status={data.gate.status}>
          <GateBadge status={data.gate.status} />
          <span>{say(data.gate.detail)}</span>
        </p>
        {data.rules.length === 0 ? <p className="text-sm">{t('pw.none')}</p> : (
          <ul className="grid gap-2 text-sm">
            {data.rules.map((r) => <Row key={r.id} r={r} timeZone={data.timeZone} canEdit={canEdit} />)}
          </ul>
        )}
        {canEdit ? <AddForm /> : null}
      </div>
    </Card>
  );
}

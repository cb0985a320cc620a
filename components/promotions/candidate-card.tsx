'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Card } from '@/components/ui/card';
import { Progress } from '@/components/ui/progress';
import type { CandidateDto, PromotionDto } from '@/lib/promotions/types';
import { intlLocale } from '@/lib/i18n';
import { useI18n } from '../providers/i18n';
import { useSay } from '../providers/use-say';
import { ConfirmButton } from './confirm-button';
import { DiffView } from './diff-view';
import { GateBadge, StateBadge } from './state-badge';
import { usePromotionAction } from './use-promotions';

const btn = 'min-h-11 rounded-lg px-4 py-2 font-semibold disabled:opacity-50';
const primary = `${btn} bg-brand-600 text-white hover:bg-brand-700`;
const secondary = `${btn} border border-slate-300 dark:border-slate-700`;

function Actions({ c }: { c: CandidateDto }) {
  const { t } = useI18n();
  const { sayError } = useSay();
  const router = useRouter();
  const [reason, setReason] = useState('');
  const review = usePromotionAction<void>(() => '/api/promotions', () => ({ services: [c.service] }));
  const approve = usePromotionAction<{ id: string; override: boolean }>((v) => `/api/promotions/${v.id}/approve`, (v) => ({ overrideGates: v.override }));
  const reject = usePromotionAction<string>((id) => `/api/promotions/${id}/reject`, () => ({ reason }));
  const error = review.error ?? approve.error ?? reject.error;
  const busy = review.isPending || approve.isPending || reject.isPending;
  const onApproved = (p: PromotionDto) => router.push(`/promotions/${p.id}`);
  const open = c.open;
  return (
    <div className="mt-3 grid gap-2">
      <Progress active={busy} label={t(review.isPending ? 'progress.saving' : 'progress.github')} />
      {!open && c.changes.length > 0 ? (
        <button type="button" className={primary} disabled={busy} onClick={() => review.mutate()}>
          {t('promo.review')}
        </button>
      ) : null}
      {open?.state === 'proposed' ? (
        <>
          <div className="flex flex-wrap gap-2">
            <ConfirmButton
              className={primary}
              disabled={busy}
              label={c.ready ? t('promo.approve') : t('promo.approveAnyway')}
              message={t(c.ready ? 'promo.confirm.approve' : 'promo.confirm.approveAnyway', { service: c.service, summary: c.summary })}
              confirmLabel={t('promo.confirm.approveYes')}
              onConfirm={() => approve.mutate({ id: open.id, override: !c.ready }, { onSuccess: onApproved })}
            />
          </div>
          <form className="flex flex-wrap gap-2" onSubmit={(e) => (e.preventDefault(), reject.mutate(open.id))}>
            <label className="sr-only" htmlFor={`reason-${c.service}`}>{t('promo.rejectReasonLabel', { service: c.service })}</label>
            <input id={`reason-${c.service}`} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('promo.rejectPlaceholder')} className="min-h-11 flex-1 rounded-lg border border-slate-300 bg-white px-2 dark:border-slate-700 dark:bg-slate-900" />
            <button type="submit" className={secondary} disabled={busy || reason.trim().length < 3}>
              {t('promo.reject')}
            </button>
          </form>
        </>
      ) : null}
      {open && open.state !== 'proposed' ? (
        <Link prefetch={false} className="text-brand-600 underline" href={`/promotions/${open.id}`}>
          {t('promo.follow')}
        </Link>
      ) : null}
      {error ? <p role="alert" className="text-sm text-red-800 dark:text-red-200">{sayError(error)}</p> : null}
    </div>
  );
}

export function CandidateCard({ c, focused = false }: { c: CandidateDto; focused?: boolean }) {
  const { t, locale } = useI18n();
  const { say } = useSay();
  return (
    <Card className={`min-w-0 ${focused ? 'ring-2 ring-brand-600 lg:col-span-2' : ''}`}>
      <article id={`candidate-${c.service}`} data-testid={`candidate-${c.service}`} data-focused={focused || undefined} aria-label={t('promo.candidate', { service: c.service })} className="min-w-0">
        <header className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-lg font-semibold">{c.service}</h2>
          {c.open ? <StateBadge state={c.open.state} /> : null}
        </header>
        <p className="font-mono text-sm">{c.summary}</p>
        <ul className="mt-2 grid gap-1" aria-label={t('promo.gates')}>
          {c.gates.map((g) => (
            <li key={g.id} className="flex flex-wrap items-center gap-2 text-sm">
              <GateBadge status={g.status} />
              <span className="font-medium">{say(g.label)}:</span>
              <span>{say(g.detail)}</span>
            </li>
          ))}
        </ul>
        {c.unreadable ? (
          <p role="alert" className="mt-1 text-sm text-red-800 dark:text-red-200">{t('promo.unreadable', { reason: c.unreadable })}</p>
        ) : null}
        {c.hold ? <p className="mt-1 text-sm text-amber-800 dark:text-amber-200" data-testid="hold">{t('promo.held', { service: c.service, when: new Date(c.hold.heldAt).toLocaleString(intlLocale(locale)), reason: c.hold.reason })}</p> : null}
        {c.notes.map((n) => (
          <p key={`${n.code}:${JSON.stringify(n.params)}`} className="mt-1 text-sm text-amber-800 dark:text-amber-200">{say(n)}</p>
        ))}
        {c.diff ? (
          <details className="mt-2" open>
            <summary className="cursor-pointer text-sm font-medium">{t('promo.diffTitle')}</summary>
            <DiffView diff={c.diff} label={t('promo.diffFor', { service: c.service })} />
          </details>
        ) : null}
        <Actions c={c} />
      </article>
    </Card>
  );
}

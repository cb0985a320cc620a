'use client';
import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { Progress } from '@/components/ui/progress';
import type { PromotionDto } from '@/lib/promotions/types';
import { useI18n } from '../providers/i18n';
import { useSay } from '../providers/use-say';
import { ConfirmButton } from './confirm-button';
import { DiffView } from './diff-view';
import { PromotionsLiveRoot } from './live-root';
import { StateBadge } from './state-badge';
import { usePromotion, usePromotionAction } from './use-promotions';

const when = (iso: string, locale: string) => new Date(iso).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const btn = 'min-h-11 rounded-lg px-4 py-2 font-semibold text-white disabled:opacity-50';

function Detail({ initial }: { initial: PromotionDto }) {
  const { t, locale } = useI18n();
  const { say, sayError } = useSay();
  const { data: p } = usePromotion(initial);
  const rollback = usePromotionAction<void>(() => `/api/promotions/${p.id}/rollback`);
  const merge = usePromotionAction<void>(() => `/api/promotions/${p.id}/merge`);
  // Offered where it helps: a promotion PROD turned Degraded after (not on healthy ones).
  const canRollBack = p.kind === 'promote' && p.commitSha && p.state === 'degraded' && p.rollbackIds.length === 0;
  const error = rollback.error ?? merge.error;
  return (
    <div className="grid gap-4">
      <header className="grid gap-1">
        <Link href="/promotions" className="text-sm text-brand-600 underline">{t('promo.all')}</Link>
        <h1 className="break-words font-mono text-lg font-bold sm:text-xl">{p.title}</h1>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <StateBadge state={p.state} />
          {p.kind === 'rollback' ? <span>{p.rollbackOfId ? <>{t('promo.rollbackOf')} <Link className="underline" href={`/promotions/${p.rollbackOfId}`}>{t('promo.thisPromotion')}</Link></> : t('promo.rollbackKind')}</span> : null}
          {p.commitSha ? <span>{t('promo.commit')} <a className="font-mono underline" href={p.commitUrl ?? '#'} data-testid="commit-sha">{p.commitSha.slice(0, 7)}</a></span> : null}
          {p.prUrl ? <a className="underline" href={p.prUrl}>{t('promo.pr', { n: p.prNumber ?? '' })}</a> : null}
        </div>
        {canRollBack ? <p role="alert" className="text-sm font-medium text-red-800 dark:text-red-200" data-testid="degraded-after">{t('promo.degradedAfter')}</p> : null}
        {p.error ? <p role="alert" className="text-sm text-red-800 dark:text-red-200">{p.error}</p> : null}
        {p.rejectReason ? <p className="text-sm">{t('promo.rejected', { reason: p.rejectReason })}</p> : null}
      </header>
      <div className="flex flex-wrap gap-2">
        {canRollBack ? (
          <ConfirmButton
            className={`${btn} bg-red-700`}
            disabled={rollback.isPending}
            label={t('promo.rollback')}
            message={t('promo.confirm.rollback', { title: p.title, services: p.services.join(', ') })}
            confirmLabel={t('promo.confirm.rollbackYes')}
            onConfirm={() => rollback.mutate()}
          />
        ) : null}
        {p.state === 'pr_open' ? (
          <ConfirmButton
            className={`${btn} bg-brand-600`}
            disabled={merge.isPending}
            label={t('promo.merge')}
            message={t('promo.confirm.merge', { n: p.prNumber ?? '', title: p.title })}
            confirmLabel={t('promo.confirm.mergeYes')}
            onConfirm={() => merge.mutate()}
          />
        ) : null}
        {p.rollbackIds.map((id) => (
          <Link key={id} className="text-brand-600 underline" href={`/promotions/${id}`}>{t('promo.followRollback')}</Link>
        ))}
      </div>
      <Progress active={rollback.isPending || merge.isPending} label={t('progress.github')} />
      {error ? <p role="alert" className="text-sm text-red-800 dark:text-red-200">{sayError(error)}</p> : null}
      <Card title={t('promo.timeline')}>
        <ol className="grid gap-2" data-testid="timeline">
          {(p.events ?? []).map((e, k) => (
            <li key={k} className="grid gap-0.5 border-l-2 border-slate-300 pl-3 dark:border-slate-700">
              <span className="text-xs text-slate-600 dark:text-slate-400">{when(e.at, locale)}</span>
              <span className="text-sm">{say(e.message)}</span>
            </li>
          ))}
        </ol>
      </Card>
      <Card title={t('promo.changes')}>
        <div className="grid gap-3">
          {p.files.map((f) => (
            <DiffView key={f.path} diff={f.diff} label={t('promo.diffOf', { path: f.path })} />
          ))}
        </div>
      </Card>
    </div>
  );
}

export function PromotionView({ initial }: { initial: PromotionDto }) {
  return (
    <PromotionsLiveRoot>
      <Detail initial={initial} />
    </PromotionsLiveRoot>
  );
}

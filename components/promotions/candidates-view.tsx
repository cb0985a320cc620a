'use client';
import { useRouter } from 'next/navigation';
import type { CandidatesDto } from '@/lib/promotions/types';
import { useI18n } from '../providers/i18n';
import { useSay } from '../providers/use-say';
import { CandidateCard } from './candidate-card';
import { ConfirmButton } from './confirm-button';
import { Holds } from './holds';
import { PromotionsLiveRoot } from './live-root';
import { useCandidates, usePromotionAction } from './use-promotions';

function Candidates({ initial, focus }: { initial: CandidatesDto; focus?: string }) {
  const { t } = useI18n();
  const { sayError } = useSay();
  const router = useRouter();
  const { data } = useCandidates(initial);
  const batch = usePromotionAction<void>(() => '/api/promotions/batch');
  const ready = data.candidates.filter((c) => c.ready && !c.open);
  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {data.candidates.length === 0 ? t('promo.same') : t('promo.differ', { n: data.candidates.length })}{' '}
          {data.mode === 'pull-request' ? t('promo.modePr') : t('promo.modeCommit', { branch: data.branch })}
        </p>
        {ready.length > 1 ? (
          <ConfirmButton
            disabled={batch.isPending}
            className="min-h-11 rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white disabled:opacity-50"
            label={t('promo.batch', { n: ready.length })}
            message={t('promo.confirm.batch', { n: ready.length, services: ready.map((c) => c.service).join(', ') })}
            confirmLabel={t('promo.confirm.approveYes')}
            onConfirm={() => batch.mutate(undefined, { onSuccess: (p) => router.push(`/promotions/${p.id}`) })}
          />
        ) : null}
      </div>
      {batch.error ? <p role="alert" className="text-sm text-red-800 dark:text-red-200">{sayError(batch.error)}</p> : null}
      <Holds holds={data.holds ?? []} />
      <div className="grid gap-3 lg:grid-cols-2">
        {/* The candidate a notification linked to comes first, marked (its diff, gates and Approve). */}
        {[...data.candidates].sort((a, b) => Number(b.service === focus) - Number(a.service === focus)).map((c) => (
          <CandidateCard key={c.service} c={c} focused={c.service === focus} />
        ))}
      </div>
    </div>
  );
}

export function CandidatesView({ initial, focus }: { initial: CandidatesDto; focus?: string }) {
  return (
    <PromotionsLiveRoot>
      <Candidates initial={initial} focus={focus} />
    </PromotionsLiveRoot>
  );
}

'use client';
import type { HoldDto } from '@/lib/promotions/types';
import { useI18n } from '../providers/i18n';
import { useSay } from '../providers/use-say';
import { usePromotionAction } from './use-promotions';

// Services whose auto-promotion a roll-back put on hold, each with Resume (admin only, audited).
export function Holds({ holds }: { holds: HoldDto[] }) {
  const { t, locale } = useI18n();
  const { sayError } = useSay();
  const resume = usePromotionAction<string>(() => '/api/promotions/resume', (service) => ({ service }));
  if (holds.length === 0) return null;
  return (
    <section aria-labelledby="holds-title" className="grid gap-2 rounded-xl border border-amber-400 p-3 dark:border-amber-700" data-testid="holds">
      <h2 id="holds-title" className="font-semibold">{t('promo.holds')}</h2>
      <ul className="grid gap-2">
        {holds.map((h) => (
          <li key={h.service} className="flex flex-wrap items-center justify-between gap-2 text-sm">
            <span>{t('promo.held', { service: h.service, when: new Date(h.heldAt).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB'), reason: h.reason })}</span>
            <button type="button" className="min-h-11 rounded-lg border border-slate-300 px-4 py-2 font-semibold disabled:opacity-50 dark:border-slate-700" disabled={resume.isPending} onClick={() => resume.mutate(h.service)}>
              {t('promo.resume', { service: h.service })}
            </button>
          </li>
        ))}
      </ul>
      {resume.error ? <p role="alert" className="text-sm text-red-800 dark:text-red-200">{sayError(resume.error)}</p> : null}
    </section>
  );
}

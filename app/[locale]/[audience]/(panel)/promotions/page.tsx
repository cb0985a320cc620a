import type { Metadata } from 'next';
import Link from 'next/link';
import { CandidatesView } from '@/components/promotions/candidates-view';
import { HistoryTable } from '@/components/promotions/history-table';
import { WindowsPanel } from '@/components/promotions/windows-panel';
import { can } from '@/lib/permissions';
import { requestLocale } from '@/components/providers/locale';
import { PROMOTION_STATES } from '@/lib/promotions/state';
import type { CandidatesDto, PromotionPage } from '@/lib/promotions/types';
import { AppError } from '@/server/errors';
import { listCandidates } from '@/server/services/promotions/list-candidates';
import { listPromotions } from '@/server/services/promotions/list-promotions';
import { listWindows } from '@/server/services/promotions/list-windows';
import { load } from '../_lib/load';
import { viewerOrRedirect } from '../_lib/viewer';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await requestLocale()).t('nav.promotions') };
}
export const dynamic = 'force-dynamic';

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
const alert = (m: string) => <p role="alert" className="rounded-lg bg-red-50 p-3 text-red-900 dark:bg-red-950 dark:text-red-100">{m}</p>;

export default async function PromotionsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await viewerOrRedirect();
  const { t } = await requestLocale();
  const s = await searchParams;
  const windows = await load(() => listWindows());
  const filters = { state: one(s.state), service: one(s.service), cursor: one(s.cursor) };
  const history: PromotionPage = await load(() => listPromotions(Object.fromEntries(Object.entries(filters).filter(([, v]) => v))));
  let candidates: CandidatesDto | null = null;
  let upstream: string | null = null;
  try {
    candidates = await listCandidates();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    upstream = e.message;
  }
  const field = 'mt-1 w-full rounded-lg border border-slate-300 bg-white px-2 py-2 dark:border-slate-700 dark:bg-slate-900';
  const next = history.nextCursor ? `/promotions?${new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as Record<string, string>, cursor: history.nextCursor })}` : null;
  return (
    <>
      <div className="grid gap-6">
        <section className="grid gap-3">
          <h1 className="text-2xl font-bold">{t('promo.title')}</h1>
          {candidates ? <CandidatesView initial={candidates} focus={one(s.candidate)} /> : alert(t('promo.repoDown', { why: upstream ?? '' }))}
        </section>
        <section className="grid gap-3">
          <WindowsPanel initial={windows} canEdit={can(viewer.role, 'promotion:approve')} />
        </section>
        <section className="grid gap-3" aria-labelledby="history-title">
          <h2 id="history-title" className="text-xl font-bold">{t('promo.history')}</h2>
          <form method="get" className="grid grid-cols-2 gap-2 sm:grid-cols-3 sm:items-end" aria-label={t('promo.filterHistory')}>
            <label className="text-sm font-medium">
              {t('promo.service')}
              <input name="service" defaultValue={filters.service ?? ''} placeholder={t('promo.servicePlaceholder')} className={field} />
            </label>
            <label className="text-sm font-medium">
              {t('promo.state')}
              <select name="state" defaultValue={filters.state ?? ''} className={field}>
                <option value="">{t('common.any')}</option>
                {PROMOTION_STATES.map((st) => (
                  <option key={st} value={st}>{t(`promo.s.${st}`)}</option>
                ))}
              </select>
            </label>
            <button type="submit" className="min-h-11 rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white">{t('common.filter')}</button>
          </form>
          <HistoryTable promotions={history.promotions} />
          {next ? <Link prefetch={false} href={next} className="text-brand-600 underline" rel="next">{t('promo.older')}</Link> : null}
        </section>
      </div>
    </>
  );
}

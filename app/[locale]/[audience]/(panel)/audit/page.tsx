import type { Metadata } from 'next';
import Link from 'next/link';
import { requestLocale } from '@/components/providers/locale';
import { AUDIT_OUTCOMES, auditQueryFromSearch } from '@/lib/audit';
import { listAuditEvents } from '@/server/services/audit/list-audit-events';
import { load } from '../_lib/load';
import { viewerOrRedirect } from '../_lib/viewer';
import { AuditTable } from './_components/audit-table';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await requestLocale()).t('audit.title') };
}

type Search = Record<string, string | string[] | undefined>;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  await viewerOrRedirect();
  const { t } = await requestLocale();
  const raw = auditQueryFromSearch(await searchParams);
  const page = await load(() => listAuditEvents(raw));
  const next = page.nextCursor ? `/audit?${new URLSearchParams({ ...raw, cursor: page.nextCursor }).toString()}` : null;
  const field = 'mt-1 w-full rounded-lg border border-slate-300 bg-white px-2 py-2 dark:border-slate-700 dark:bg-slate-900';
  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-bold">{t('audit.title')}</h1>
      <form method="get" className="grid grid-cols-2 gap-2 sm:grid-cols-4 sm:items-end" aria-label={t('audit.filter')}>
        <label className="text-sm font-medium">
          {t('audit.actor')}
          <input name="actor" defaultValue={raw.actor ?? ''} placeholder={t('audit.actorPlaceholder')} className={field} />
        </label>
        <label className="text-sm font-medium">
          {t('audit.action')}
          <input name="action" defaultValue={raw.action ?? ''} placeholder={t('audit.actionPlaceholder')} className={field} />
        </label>
        <label className="text-sm font-medium">
          {t('audit.outcome')}
          <select name="outcome" defaultValue={raw.outcome ?? ''} className={field}>
            <option value="">{t('common.any')}</option>
            {AUDIT_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`audit.outcome.${o}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
          {t('common.filter')}
        </button>
      </form>
      <AuditTable events={page.events} />
      <div className="flex gap-3">
        {raw.cursor ? (
          <Link prefetch={false} href="/audit" className="text-brand-600 underline">
            {t('audit.newest')}
          </Link>
        ) : null}
        {next ? (
          <Link prefetch={false} href={next} className="text-brand-600 underline" rel="next">
            {t('audit.older')}
          </Link>
        ) : null}
      </div>
    </div>
  );
}

import Link from 'next/link';
import type { PromotionDto } from '@/lib/promotions/types';
import { requestLocale } from '../providers/locale';
import { StateBadge } from './state-badge';

// Past promotions, newest first: a list on a phone, the same rows wider on a desktop.
export async function HistoryTable({ promotions }: { promotions: PromotionDto[] }) {
  const { locale, t } = await requestLocale();
  if (promotions.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">{t('promo.noneMatch')}</p>;
  return (
    <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800" data-testid="history">
      {promotions.map((p) => (
        <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
          <Link prefetch={false} href={`/promotions/${p.id}`} className="min-w-0 break-words font-mono text-sm underline">
            {p.title}
          </Link>
          <span className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
            {new Date(p.createdAt).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' })}
            {p.approvedByName ? ` · ${p.approvedByName}` : ''}
            <StateBadge state={p.state} />
          </span>
        </li>
      ))}
    </ul>
  );
}

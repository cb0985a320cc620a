import type { AuditEventDto } from '@/lib/audit';
import { Badge, type Tone } from '@/components/ui/badge';
import { requestLocale } from '@/components/providers/locale';

const TONE: Record<AuditEventDto['outcome'], Tone> = { ok: 'good', denied: 'warn', failed: 'bad' };

function when(iso: string) {
  return new Date(iso).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
}

// Audit details stay as recorded (English, as written at the time): the log is evidence, not UI copy.
export async function AuditTable({ events }: { events: AuditEventDto[] }) {
  const { t } = await requestLocale();
  if (events.length === 0) return <p className="text-slate-600 dark:text-slate-300">{t('audit.none')}</p>;
  return (
    // Focusable, named region: a keyboard can scroll the table sideways on a phone (axe scrollable-region-focusable).
    <div role="region" aria-label={t('audit.caption')} tabIndex={0} className="overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t('audit.caption')}</caption>
        <thead className="bg-slate-100 dark:bg-slate-800">
          <tr>
            <th scope="col" className="px-3 py-2">{t('audit.time')}</th>
            <th scope="col" className="px-3 py-2">{t('audit.actor')}</th>
            <th scope="col" className="px-3 py-2">{t('audit.action')}</th>
            <th scope="col" className="px-3 py-2">{t('audit.target')}</th>
            <th scope="col" className="px-3 py-2">{t('audit.outcome')}</th>
            <th scope="col" className="hidden px-3 py-2 md:table-cell">{t('audit.ip')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} className="border-t border-slate-200 align-top dark:border-slate-800" data-testid="audit-row">
              <td className="whitespace-nowrap px-3 py-2">{when(e.at)}</td>
              <td className="px-3 py-2">
                {e.actorName ?? e.actor} <span className="text-slate-500">({e.role})</span>
              </td>
              <td className="px-3 py-2 font-mono text-xs">{e.action}</td>
              <td className="px-3 py-2">{e.target ?? t('common.none')}</td>
              <td className="px-3 py-2">
                <Badge tone={TONE[e.outcome]}>{t(`audit.outcome.${e.outcome}`)}</Badge>
                {typeof e.details.reason === 'string' ? <div className="mt-1 text-xs text-slate-500">{e.details.reason}</div> : null}
              </td>
              <td className="hidden px-3 py-2 md:table-cell">{e.ip ?? t('common.none')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

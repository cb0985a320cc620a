import type { EndReason, GamingSessionDto } from '@/lib/gaming/types';
import type { Locale, Translate } from '@/lib/i18n';
import { formatMessage, type Message } from '@/lib/i18n/message';
import { requestLocale } from '@/components/providers/locale';

const when = (iso: string, locale: Locale) => new Date(iso).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });

function how(s: GamingSessionDto, t: Translate, say: (m: Message) => string): string {
  if (!s.endReason) return s.state === 'ended' ? t('gaming.end.ended') : t('gaming.end.running');
  if (s.endReason === 'stopped' && s.stoppedByName) return t('gaming.end.stoppedBy', { name: s.stoppedByName.split(' ')[0] });
  if (s.endReason === 'failed' && s.failure) return say(s.failure);
  return t(`gaming.end.${s.endReason satisfies EndReason}`);
}

export async function HistoryTable({ sessions, showWho }: { sessions: GamingSessionDto[]; showWho: boolean }) {
  const { locale, t } = await requestLocale();
  const say = (m: Message) => formatMessage(m, t, locale);
  if (sessions.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">{t('gaming.noSessions')}</p>;
  return (
    <div role="region" aria-label={showWho ? t('gaming.allSessions') : t('gaming.yourSessions')} tabIndex={0} className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-700">
            {showWho ? <th className="py-1 pr-3">{t('gaming.who')}</th> : null}
            <th className="py-1 pr-3">{t('gaming.started')}</th>
            <th className="py-1 pr-3">{t('gaming.ended')}</th>
            <th className="py-1 pr-3">{t('gaming.played')}</th>
            <th className="py-1">{t('gaming.how')}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id} data-testid="gaming-session" className="border-b border-slate-100 dark:border-slate-800">
              {showWho ? <td className="py-1 pr-3">{s.startedByName}</td> : null}
              <td className="py-1 pr-3">{when(s.startedAt, locale)}</td>
              <td className="py-1 pr-3">{s.endedAt ? when(s.endedAt, locale) : t('common.none')}</td>
              <td className="py-1 pr-3">{s.durationMinutes === null ? t('common.none') : t('gaming.duration', { h: Math.floor(s.durationMinutes / 60), min: s.durationMinutes % 60 })}</td>
              <td className="py-1">{how(s, t, say)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

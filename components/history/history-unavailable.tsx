'use client';
import { useI18n } from '../providers/i18n';
import { Card } from '../ui/card';

// In place of a history card while the database is away (the page's live parts still render).
export function HistoryUnavailable({ memory = false }: { memory?: boolean }) {
  const { t } = useI18n();
  return (
    <Card title={t(memory ? 'history.memory.title' : 'history.title')}>
      <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="history-unavailable">
        {t('history.unavailable')}
      </p>
    </Card>
  );
}

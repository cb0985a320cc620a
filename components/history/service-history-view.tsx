'use client';
import Link from 'next/link';
import type { ServiceHistoryDto } from '@/lib/history/dto';
import { useI18n } from '../providers/i18n';
import { Card } from '../ui/card';
import { AvailabilityStrip, StripLegend } from './availability-strip';
import { useServiceHistory } from './queries';

// One service's page: its availability over 24 h and 7 days, live (refetched when the app changes).
export function ServiceHistoryView({ initial }: { initial: ServiceHistoryDto }) {
  const { t } = useI18n();
  const d = useServiceHistory(initial).data;
  return (
    <div className="grid max-w-3xl gap-4">
      <Link prefetch={false} href="/services" className="text-sm text-blue-700 underline dark:text-blue-300">
        {t('history.back')}
      </Link>
      <h1 className="text-2xl font-bold">{t('history.service', { name: d.displayName })}</h1>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {d.cluster} · {d.app}
      </p>
      <Card title={t('history.title')}>
        <div className="grid gap-4">
          <AvailabilityStrip strip={d.day} label={t('history.day')} now={d.now} testId="strip-day" />
          <AvailabilityStrip strip={d.week} label={t('history.week')} now={d.now} testId="strip-week" />
          <StripLegend />
        </div>
      </Card>
    </div>
  );
}

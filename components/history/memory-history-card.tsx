'use client';
import dynamic from 'next/dynamic';
import type { MemoryHistoryDto } from '@/lib/history/dto';
import { useI18n } from '../providers/i18n';
import { Card } from '../ui/card';
import { useMemoryHistory } from './queries';

// The capacity page's 7-day memory card. The chart itself is a separate chunk, fetched after the
// page (dynamic import); the placeholder keeps its height so nothing moves when it arrives.
const MemoryChart = dynamic(() => import('./memory-chart'), { ssr: false, loading: () => <Placeholder /> });

function Placeholder() {
  const { t } = useI18n();
  return <p className="flex h-56 items-center text-sm text-slate-700 dark:text-slate-300">{t('history.memory.loading')}</p>;
}

export function MemoryHistoryCard({ initial }: { initial: MemoryHistoryDto }) {
  const { t } = useI18n();
  const d = useMemoryHistory(initial).data;
  return (
    <Card title={t('history.memory.title')}>
      {d.points.length === 0 ? <p className="text-sm text-slate-700 dark:text-slate-300">{t('history.memory.none')}</p> : <MemoryChart d={d} />}
    </Card>
  );
}

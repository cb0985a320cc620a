'use client';
import type { CapacityDto } from '@/lib/live/dto';
import { useI18n } from '../providers/i18n';
import { OciPanel, PlanTable, ProxmoxPanel } from './capacity-panels';
import { useCapacity } from './queries';

export function CapacityView({ initial }: { initial: CapacityDto }) {
  const { t } = useI18n();
  const q = useCapacity(initial);
  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-bold">{t('capacity.title')}</h1>
      <ProxmoxPanel p={q.data.proxmox} fetchedAt={q.dataUpdatedAt} />
      <div className="grid gap-3 lg:grid-cols-2">
        <OciPanel o={q.data.oci} fetchedAt={q.dataUpdatedAt} />
        <PlanTable d={q.data} />
      </div>
    </div>
  );
}

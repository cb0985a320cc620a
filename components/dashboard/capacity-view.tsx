'use client';
import type { CapacityDto } from '@/lib/live/dto';
import { DevPowerCard } from '../gaming/dev-power-card';
import { useI18n } from '../providers/i18n';
import { OciPanel, PlanTable, ProxmoxPanel } from './capacity-panels';
import { useCapacity } from './queries';

/** `devPower`: the admin's DEV power buttons beside the Proxmox bar (the page decides, by permission). */
export function CapacityView({ initial, devPower = false }: { initial: CapacityDto; devPower?: boolean }) {
  const { t } = useI18n();
  const q = useCapacity(initial);
  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-bold">{t('capacity.title')}</h1>
      {devPower ? (
        <div className="grid gap-3 lg:grid-cols-[2fr_1fr]">
          <ProxmoxPanel p={q.data.proxmox} fetchedAt={q.dataUpdatedAt} />
          <DevPowerCard whatIfs={q.data.proxmox.whatIfs} />
        </div>
      ) : (
        <ProxmoxPanel p={q.data.proxmox} fetchedAt={q.dataUpdatedAt} />
      )}
      <div className="grid gap-3 lg:grid-cols-2">
        <OciPanel o={q.data.oci} fetchedAt={q.dataUpdatedAt} />
        <PlanTable d={q.data} />
      </div>
    </div>
  );
}

import 'server-only';
import { DEFAULT_SETTINGS, ociCapacity, OCI_CLUSTER, proxmoxCapacity, whatIfs, type CapacitySettings } from '@/lib/capacity';
import type { CapacityDto } from '@/lib/live/dto';
import { requirePermission } from '../../auth/guard';
import { liveCtx, type LiveCtx } from '../../live/ctx';
import type { LiveStore } from '../../live/store';

// The capacity page: the Proxmox host's memory split (mode, what-ifs) and the OCI tier's 24 GB,
// from the live store. Proxmox down → no figures, only its freshness (the page says so in words).

export function capacityOf(store: LiveStore, settings: CapacitySettings = DEFAULT_SETTINGS): CapacityDto {
  const pve = store.proxmoxState();
  const hasData = pve.memTotalBytes !== null && pve.freshness.reachable;
  const oci = store.summaries().find((c) => c.name === OCI_CLUSTER) ?? null;
  return {
    proxmox: {
      configured: pve.configured,
      node: pve.node,
      freshness: pve.freshness,
      capacity: hasData ? proxmoxCapacity(pve.memTotalBytes as number, pve.vms, settings.reserveBytes) : null,
      whatIfs: hasData ? whatIfs(pve.memTotalBytes as number, pve.vms, settings.reserveBytes, settings.bufferBytes) : [],
      vms: hasData ? pve.vms : [],
    },
    oci: { cluster: OCI_CLUSTER, configured: !!oci, freshness: oci?.freshness ?? null, capacity: oci && oci.nodesTotal > 0 ? ociCapacity(oci) : null },
  };
}

export async function getCapacity(ctx: LiveCtx = liveCtx()): Promise<CapacityDto> {
  await requirePermission('dashboard:view', ctx);
  const store = ctx.live();
  await store.ready();
  return capacityOf(store, ctx.capacity());
}

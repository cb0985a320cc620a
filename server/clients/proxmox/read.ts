import 'server-only';
import type { VmDto } from '@/lib/live/types';
import type { ProxmoxClient } from './connect';
import { pve } from './errors';
import { hasPassthrough, isTemplate, reshapeNodeStatus, reshapeVm, type NodeMemory } from './reshape-node';

// Read-only view of the Proxmox host for the dashboard: node memory and the VMs (with tags and
// whether they pass a PCI device through). VM configs rarely change: read once per VM and cached.

export interface ProxmoxSnapshot extends NodeMemory {
  vms: VmDto[];
}

export class ProxmoxReader {
  private gpu = new Map<number, boolean>();

  constructor(
    private readonly api: ProxmoxClient,
    private readonly node: string,
  ) {}

  async read(): Promise<ProxmoxSnapshot> {
    const n = this.api.nodes.$(this.node);
    const [status, list] = await Promise.all([pve(() => n.status.$get()), pve(() => n.qemu.$get())]);
    const raws = (list as unknown[]).filter((v) => !isTemplate(v));
    await Promise.all(
      raws
        .map((v) => Number((v as { vmid: number }).vmid))
        .filter((id) => !this.gpu.has(id))
        .map(async (id) => {
          // A VM we may not audit still shows in the list; treat it as having no GPU.
          const cfg = await pve(() => n.qemu.$(id).config.$get()).catch(() => ({}));
          this.gpu.set(id, hasPassthrough(cfg));
        }),
    );
    const vms = raws.map((v) => reshapeVm(v, this.gpu.get(Number((v as { vmid: number }).vmid)) ?? false)).sort((a, b) => a.vmid - b.vmid);
    return { ...reshapeNodeStatus(status), vms };
  }

  /** Forget cached configs (e.g. every few minutes), so a re-configured VM is picked up. */
  forgetConfigs() {
    this.gpu.clear();
  }
}

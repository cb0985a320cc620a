import 'server-only';
import type { DevPowerDto } from '@/lib/gaming/types';
import { GiB } from '@/lib/gaming/words';
import { requirePermission } from '../../auth/guard';
import { ProxmoxError } from '../../clients/proxmox/errors';
import { gamingCtx, type GamingCtx } from '../gaming/internal/ctx';
import { errorMsg } from '../gaming/internal/say';

// The DEV cluster's VMs (tagged `dev`) for the admin's power buttons.
export async function getDevPower(_input: unknown = {}, ctx: GamingCtx = gamingCtx()): Promise<DevPowerDto> {
  await requirePermission('dev:power', ctx);
  try {
    const vms = await ctx.proxmox().listVms();
    const tag = ctx.gaming().devTag;
    return {
      vms: vms.filter((v) => v.tags.includes(tag)).map((v) => ({ vmid: v.vmid, name: v.name, running: v.running, memoryGiB: Math.round(v.memoryBytes / GiB) })),
      notice: null,
    };
  } catch (e) {
    if (e instanceof ProxmoxError) return { vms: [], notice: errorMsg(e) };
    throw e;
  }
}

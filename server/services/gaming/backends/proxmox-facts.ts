import 'server-only';
import type { PreflightFacts, VmFacts } from '@/lib/gaming/preflight';
import type { Role } from '@/lib/roles';
import { msg } from '@/lib/i18n/message';
import type { VmStatus } from '../../../clients/proxmox/power';
import type { GamingCtx } from '../internal/ctx';
import { weeklyMinutes } from '../internal/sessions';
import { activeHold } from '../internal/modes';
import { conflict } from '../internal/say';

// Gathers what the pre-flight rules need, in parallel, with reads only (no power call).

const PCI_TTL_MS = 60_000;
const pciCache = new Map<number, { at: number; pci: string[] }>();

/** VM configs rarely change: one read per VM per minute keeps the tap-to-start path short. */
async function pciOf(ctx: GamingCtx, vmid: number): Promise<string[]> {
  const hit = pciCache.get(vmid);
  if (hit && Date.now() - hit.at < PCI_TTL_MS) return hit.pci;
  const pci = await ctx.proxmox().vmPci(vmid);
  pciCache.set(vmid, { at: Date.now(), pci });
  return pci;
}

export function gamingVmid(ctx: GamingCtx, vms: VmStatus[]): number {
  const cfg = ctx.gaming();
  if (cfg.vmid) return cfg.vmid;
  const tagged = vms.filter((v) => v.tags.includes(cfg.tag));
  if (tagged.length !== 1) {
    throw conflict(ctx, msg(tagged.length ? 'srv.tag.many' : 'srv.tag.none', { tag: cfg.tag }));
  }
  return tagged[0].vmid;
}

export async function gatherFacts(ctx: GamingCtx, actor: { subject: string; role: Role }, vmsKnown?: VmStatus[], allowed = false): Promise<PreflightFacts & { vmStatus: VmStatus[] }> {
  const db = await ctx.db();
  const cfg = ctx.gaming();
  const now = ctx.now();
  const [vms, hostTotalBytes, promotionInFlight, weeklyMinutesUsed, hold] = await Promise.all([
    vmsKnown ? Promise.resolve(vmsKnown) : ctx.proxmox().listVms(),
    ctx.proxmox().hostTotalBytes(),
    ctx.promotionInFlight(db),
    cfg.weeklyHoursPerPerson ? weeklyMinutes(db, actor.subject, now) : Promise.resolve(0),
    activeHold(db, now),
  ]);
  const vmid = gamingVmid(ctx, vms);
  // Only the gaming VM's and running VMs' PCI devices matter for the GPU check.
  const facts: VmFacts[] = await Promise.all(
    vms.map(async (v) => ({ ...v, pci: v.vmid === vmid || v.running ? await pciOf(ctx, v.vmid) : [] })),
  );
  return { role: actor.role, now, cfg, hostTotalBytes, vms: facts, gamingVmid: vmid, promotionInFlight, weeklyMinutesUsed, hold, allowed, vmStatus: vms };
}

// The pre-flight rules, evaluated before any Proxmox power call. Pure: the server gathers the facts
// (VM list, host memory, promotions, clock) and this decides, each check a message (code + params).
import type { Role } from '../roles';
import type { GamingConfig } from './config';
import type { PreflightCheck, PreflightResult } from './types';
import { activeQuietHours } from './time';
import { msg } from '../i18n/message';
import { GiB } from './words';

export interface VmFacts {
  vmid: number;
  name: string;
  running: boolean;
  memoryBytes: number;
  tags: string[];
  /** hostpci entries as Proxmox writes them ("0000:01:00,pcie=1,x-vga=1"). */
  pci: string[];
}

export interface PreflightFacts {
  role: Role;
  now: Date;
  cfg: GamingConfig;
  hostTotalBytes: number;
  vms: VmFacts[];
  gamingVmid: number;
  promotionInFlight: boolean;
  /** Minutes the caller played over the last 7 days (for the optional weekly allowance). */
  weeklyMinutesUsed: number;
  /** The admin's hold on DEV ("I'm testing until 21:00"), when one is active. */
  hold?: { until: Date } | null;
  /** The admin allowed this start (Ask Paul → Allow): DEV makes room whatever the policy or the hold. */
  allowed?: boolean;
}

/** "host=0000:01:00.0;0000:01:00.1,pcie=1" → ["01:00"]: the PCI devices, functions and domain dropped. */
export function pciDevices(entries: string[]): string[] {
  const out = new Set<string>();
  for (const e of entries) {
    const first = e.split(',')[0].replace(/^host=/, '');
    if (first.startsWith('mapping=')) {
      out.add(first);
      continue;
    }
    for (const id of first.split(';')) out.add(id.replace(/^[0-9a-f]{4}:/i, '').replace(/\.\d+$/, '').toLowerCase());
  }
  return [...out];
}

function gpuCheck(f: PreflightFacts, gaming: VmFacts): PreflightCheck {
  const mine = new Set(pciDevices(gaming.pci));
  const holder = f.vms.find((v) => v.vmid !== gaming.vmid && v.running && pciDevices(v.pci).some((d) => mine.has(d)));
  if (holder) return { id: 'gpu', ok: false, message: msg('srv.gpu.busy', { vm: holder.name }) };
  return { id: 'gpu', ok: true, message: msg('srv.gpu.free') };
}

interface MemoryVerdict {
  check: PreflightCheck;
  stopDev: boolean;
  devVmids: number[];
  /** Only the admin can make room (a hold, or the refuse policy): the family may ask him. */
  ask?: boolean;
}

function memoryCheck(f: PreflightFacts, gaming: VmFacts): MemoryVerdict {
  const { hostReserveGiB, zfsArcGiB, bufferGiB } = f.cfg.memory;
  const others = f.vms.filter((v) => v.vmid !== gaming.vmid && v.running);
  const dev = others.filter((v) => v.tags.includes(f.cfg.devTag));
  const used = others.reduce((n, v) => n + v.memoryBytes, 0);
  const free = f.hostTotalBytes - (hostReserveGiB + zfsArcGiB + bufferGiB) * GiB - used;
  const need = gaming.memoryBytes;
  const devVmids = dev.map((v) => v.vmid);
  if (need <= free) return { check: { id: 'memory', ok: true, message: msg('srv.memory.ok', { need: { bytes: need }, free: { bytes: free } }) }, stopDev: false, devVmids };
  const devBytes = dev.reduce((n, v) => n + v.memoryBytes, 0);
  const devMakesRoom = dev.length > 0 && need <= free + devBytes;
  if (devMakesRoom && f.hold && !f.allowed) {
    // Testing mode under the admin's hold: DEV stays; the family can ask him.
    return { check: { id: 'memory', ok: false, message: msg('srv.hold.on', { admin: f.cfg.adminName, time: { at: f.hold.until.toISOString() } }) }, stopDev: false, devVmids, ask: true };
  }
  if (devMakesRoom && (f.cfg.policy === 'stop-dev' || f.allowed)) {
    return {
      check: { id: 'memory', ok: true, message: msg('srv.memory.stopDev', { need: { bytes: need }, free: { bytes: free } }) },
      stopDev: true,
      devVmids,
    };
  }
  if (devMakesRoom) {
    // policy: refuse — say who can make room.
    return { check: { id: 'memory', ok: false, message: msg('srv.memory.shortDev', { need: { bytes: need }, free: { bytes: free }, admin: f.cfg.adminName }) }, stopDev: false, devVmids, ask: true };
  }
  // Even without DEV it would not fit: nobody can help by turning DEV off.
  return { check: { id: 'memory', ok: false, message: msg('srv.memory.short', { need: { bytes: need }, free: { bytes: free } }) }, stopDev: false, devVmids };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Maintenance, quiet hours and the weekly allowance: the same for every backend. */
/** The checks every backend makes besides the VM's own: no promotion committing, then the time windows. */
export function sharedChecks(f: Pick<PreflightFacts, 'promotionInFlight'> & Parameters<typeof windowChecks>[0]): PreflightCheck[] {
  return [
    f.promotionInFlight ? { id: 'promotion', ok: false, message: msg('srv.promotion.busy') } : { id: 'promotion', ok: true, message: msg('srv.promotion.none') },
    ...windowChecks(f),
  ];
}

export function windowChecks(f: Pick<PreflightFacts, 'cfg' | 'now' | 'role' | 'weeklyMinutesUsed'>): PreflightCheck[] {
  const out: PreflightCheck[] = [];
  const m = f.cfg.maintenance.find((w) => f.now >= new Date(w.from) && f.now < new Date(w.to));
  out.push(m ? { id: 'maintenance', ok: false, message: msg('srv.maintenance.on', { reason: m.reason, time: { at: new Date(m.to).toISOString() } }) } : { id: 'maintenance', ok: true, message: msg('srv.maintenance.off') });
  const q = activeQuietHours(f.now, f.cfg.quietHours, f.cfg.timeZone);
  if (q && f.role !== 'admin') out.push({ id: 'quiet-hours', ok: false, message: msg('srv.quiet.on', { label: q.label, from: q.from, to: q.to, admin: f.cfg.adminName }) });
  else out.push({ id: 'quiet-hours', ok: true, message: q ? msg('srv.quiet.admin', { label: q.label }) : msg('srv.quiet.off') });
  const limit = f.cfg.weeklyHoursPerPerson;
  if (limit && f.role !== 'admin') {
    const used = f.weeklyMinutesUsed / 60;
    out.push(used >= limit ? { id: 'weekly', ok: false, message: msg('srv.weekly.over', { used: round1(used), limit }) } : { id: 'weekly', ok: true, message: msg('srv.weekly.left', { left: round1(limit - used) }) });
  }
  return out;
}

export function evaluatePreflight(f: PreflightFacts): PreflightResult {
  const gaming = f.vms.find((v) => v.vmid === f.gamingVmid);
  const checks: PreflightCheck[] = [{ id: 'permission', ok: true, message: msg('srv.permission') }];
  let mem: MemoryVerdict = { check: { id: 'memory', ok: false, message: msg('srv.vmMissing') }, stopDev: false, devVmids: [] };
  if (gaming) {
    checks.push(gpuCheck(f, gaming));
    mem = memoryCheck(f, gaming);
  }
  checks.push(mem.check);
  checks.push(...sharedChecks(f));
  const refused = checks.find((c) => !c.ok);
  const stopDev = !refused && mem.stopDev;
  return {
    ok: !refused,
    checks,
    refusal: refused?.message ?? null,
    note: stopDev ? msg('srv.note.stopDev') : null,
    stopDev,
    devVmids: mem.devVmids,
    // Ask is offered only when the admin's say-so is all that is missing.
    ask: !!mem.ask && checks.filter((c) => !c.ok).every((c) => c.id === 'memory') && f.role !== 'admin',
  };
}

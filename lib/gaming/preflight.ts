// The pre-flight rules, evaluated before any Proxmox power call. Pure: the server gathers the facts
// (VM list, host memory, promotions, clock) and this decides, each check in plain words.
import type { Role } from '../roles';
import type { GamingConfig } from './config';
import type { PreflightCheck, PreflightResult } from './types';
import { activeQuietHours, clock } from './time';
import { gb, GiB } from './words';

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
  if (holder) return { id: 'gpu', ok: false, message: `The graphics card is in use by ${holder.name}.` };
  return { id: 'gpu', ok: true, message: 'The graphics card is free.' };
}

interface MemoryVerdict {
  check: PreflightCheck;
  stopDev: boolean;
  devVmids: number[];
}

function memoryCheck(f: PreflightFacts, gaming: VmFacts): MemoryVerdict {
  const { hostReserveGiB, zfsArcGiB, bufferGiB } = f.cfg.memory;
  const others = f.vms.filter((v) => v.vmid !== gaming.vmid && v.running);
  const dev = others.filter((v) => v.tags.includes(f.cfg.devTag));
  const used = others.reduce((n, v) => n + v.memoryBytes, 0);
  const free = f.hostTotalBytes - (hostReserveGiB + zfsArcGiB + bufferGiB) * GiB - used;
  const need = gaming.memoryBytes;
  const devVmids = dev.map((v) => v.vmid);
  if (need <= free) return { check: { id: 'memory', ok: true, message: `Enough memory: needs ${gb(need)}, ${gb(free)} free.` }, stopDev: false, devVmids };
  const devBytes = dev.reduce((n, v) => n + v.memoryBytes, 0);
  const whileDev = dev.length ? ' while the DEV cluster is running' : '';
  if (f.cfg.policy === 'stop-dev' && dev.length && need <= free + devBytes) {
    return {
      check: { id: 'memory', ok: true, message: `Needs ${gb(need)}, ${gb(free)} free: the DEV cluster will be shut down to make room.` },
      stopDev: true,
      devVmids,
    };
  }
  return { check: { id: 'memory', ok: false, message: `Not enough memory: needs ${gb(need)}, ${gb(free)} free${whileDev}.` }, stopDev: false, devVmids };
}

/** Maintenance, quiet hours and the weekly allowance: the same for every backend. */
export function windowChecks(f: Pick<PreflightFacts, 'cfg' | 'now' | 'role' | 'weeklyMinutesUsed'>): PreflightCheck[] {
  const tz = f.cfg.timeZone;
  const out: PreflightCheck[] = [];
  const m = f.cfg.maintenance.find((w) => f.now >= new Date(w.from) && f.now < new Date(w.to));
  out.push(m ? { id: 'maintenance', ok: false, message: `The homelab is under maintenance (${m.reason}) until ${clock(new Date(m.to), tz)}.` } : { id: 'maintenance', ok: true, message: 'No maintenance is planned now.' });
  const q = activeQuietHours(f.now, f.cfg.quietHours, tz);
  if (q && f.role !== 'admin') out.push({ id: 'quiet-hours', ok: false, message: `It's ${q.label} (${q.from}–${q.to}); only Paul can start it now.` });
  else out.push({ id: 'quiet-hours', ok: true, message: q ? `It's ${q.label}, but you are an admin.` : 'Not within quiet hours.' });
  const limit = f.cfg.weeklyHoursPerPerson;
  if (limit && f.role !== 'admin') {
    const used = f.weeklyMinutesUsed / 60;
    out.push(used >= limit ? { id: 'weekly', ok: false, message: `You have played ${used.toFixed(1)} h this week; the limit is ${limit} h.` } : { id: 'weekly', ok: true, message: `${(limit - used).toFixed(1)} h left this week.` });
  }
  return out;
}

export function evaluatePreflight(f: PreflightFacts): PreflightResult {
  const gaming = f.vms.find((v) => v.vmid === f.gamingVmid);
  const checks: PreflightCheck[] = [{ id: 'permission', ok: true, message: 'You may start the gaming PC.' }];
  let mem: MemoryVerdict = { check: { id: 'memory', ok: false, message: "The gaming VM wasn't found on the server." }, stopDev: false, devVmids: [] };
  if (gaming) {
    checks.push(gpuCheck(f, gaming));
    mem = memoryCheck(f, gaming);
  }
  checks.push(mem.check);
  checks.push(
    f.promotionInFlight
      ? { id: 'promotion', ok: false, message: 'A promotion is being rolled out to PROD right now; try again in a few minutes.' }
      : { id: 'promotion', ok: true, message: 'No promotion is being rolled out.' },
  );
  checks.push(...windowChecks(f));
  const refused = checks.find((c) => !c.ok);
  const stopDev = !refused && mem.stopDev;
  return {
    ok: !refused,
    checks,
    refusal: refused?.message ?? null,
    note: stopDev ? 'The DEV cluster will be shut down to make room.' : null,
    stopDev,
    devVmids: mem.devVmids,
  };
}

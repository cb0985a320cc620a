import 'server-only';
import type { VmDto } from '@/lib/live/types';

// Proxmox API answers (node status, qemu list, VM config) → the dashboard's DTOs.

export interface NodeMemory {
  memTotalBytes: number;
  memUsedBytes: number;
  cpu: number;
}

interface RawNodeStatus {
  memory?: { total?: number; used?: number };
  cpu?: number;
}

export function reshapeNodeStatus(raw: unknown): NodeMemory {
  const s = (raw ?? {}) as RawNodeStatus;
  return { memTotalBytes: Number(s.memory?.total ?? 0), memUsedBytes: Number(s.memory?.used ?? 0), cpu: Number(s.cpu ?? 0) };
}

interface RawVm {
  vmid?: number | string;
  name?: string;
  status?: string;
  maxmem?: number;
  mem?: number;
  cpus?: number;
  tags?: string;
  template?: number;
}

export const splitTags = (t: unknown): string[] => (typeof t === 'string' && t ? t.split(/[;,\s]+/).filter(Boolean).map((x) => x.toLowerCase()) : []);

/** `gpu` comes from the VM's config (hostpci*), read separately and cached. */
export function reshapeVm(raw: unknown, gpu: boolean): VmDto {
  const v = (raw ?? {}) as RawVm;
  return {
    vmid: Number(v.vmid),
    name: v.name ?? `VM ${v.vmid}`,
    running: v.status === 'running',
    memMaxBytes: Number(v.maxmem ?? 0),
    memUsedBytes: v.status === 'running' ? Number(v.mem ?? 0) : 0,
    cores: Number(v.cpus ?? 0),
    tags: splitTags(v.tags),
    gpu,
  };
}

export const hasPassthrough = (config: unknown): boolean => Object.keys((config ?? {}) as Record<string, unknown>).some((k) => /^hostpci\d+$/.test(k));

export const isTemplate = (raw: unknown) => Number((raw as RawVm)?.template ?? 0) === 1;

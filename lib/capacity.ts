// Capacity maths for the Proxmox host (64 GB) and the OCI tier (24 GB), in the architecture
// document's terms (§8): the stacked bar, the current mode and the what-ifs. Pure; the reserve and
// plan figures are constants until the lead adds config keys (docs/performance.md lists them).
import type { ClusterSummary, VmDto } from './live/types';

export const GiB = 1024 ** 3;

/** §8: Proxmox host OS 4 GB + ZFS ARC 8 GB, kept out of what VMs may use. */
export const HOST_RESERVE_BYTES = 4 * GiB;
export const ZFS_ARC_BYTES = 8 * GiB;
/** §8 "Reserve 4GB": headroom kept free, so "fits" means used + buffer ≤ total (as the gaming pre-flight). */
export const BUFFER_BYTES = 4 * GiB;

/** Defaults; the server passes `gaming.memory` from homelab.yaml so the dashboard and the gaming pre-flight agree. */
export interface CapacitySettings {
  reserveBytes: number;
  bufferBytes: number;
}
export const DEFAULT_SETTINGS: CapacitySettings = { reserveBytes: HOST_RESERVE_BYTES + ZFS_ARC_BYTES, bufferBytes: BUFFER_BYTES };

/** The cluster that is the Oracle Cloud free tier (24 GB). */
export const OCI_CLUSTER = 'cloud';
export const OCI_TOTAL_BYTES = 24 * GiB;

/** §8 plan, in GiB, shown beside the measured values. */
export const PLAN = {
  proxmox: { host: 4, zfsArc: 8, dev: 4, prod: 16, gaming: 32, reserve: 4 },
  modes: { Normal: 28, Testing: 32, Gaming: 48 },
  oci: { total: 24, mgmt: 5, kubernetesMvp: 12, phase2: 4 },
} as const;

export type Mode = 'Normal' | 'Testing' | 'Gaming';
export type SegmentKind = 'reserve' | 'dev' | 'prod' | 'gaming' | 'other' | 'free';

export interface Segment {
  kind: SegmentKind;
  bytes: number;
}

export interface ProxmoxCapacity {
  totalBytes: number;
  segments: Segment[];
  usedBytes: number;
  mode: Mode;
  /** Running DEV alongside gaming is outside the architecture's modes: flagged, not hidden. */
  devWhileGaming: boolean;
  overcommitted: boolean;
}

export type VmKind = 'dev' | 'prod' | 'gaming' | 'other';

/** Tags decide (Proxmox tags "dev", "prod", "gaming"); a GPU passthrough VM without tags counts as gaming. */
export function vmKind(vm: Pick<VmDto, 'tags' | 'gpu'>): VmKind {
  if (vm.tags.includes('gaming')) return 'gaming';
  if (vm.tags.includes('dev')) return 'dev';
  if (vm.tags.includes('prod')) return 'prod';
  return vm.gpu ? 'gaming' : 'other';
}

/** Memory a VM holds on the host: its configured maximum while running (guests keep what they touch). */
const held = (vm: VmDto) => (vm.running ? vm.memMaxBytes : 0);

export function proxmoxCapacity(totalBytes: number, vms: VmDto[], reserveBytes = HOST_RESERVE_BYTES + ZFS_ARC_BYTES): ProxmoxCapacity {
  const sums: Record<VmKind, number> = { dev: 0, prod: 0, gaming: 0, other: 0 };
  for (const vm of vms) sums[vmKind(vm)] += held(vm);
  const usedBytes = reserveBytes + sums.dev + sums.prod + sums.gaming + sums.other;
  const segments: Segment[] = [
    { kind: 'reserve', bytes: reserveBytes },
    { kind: 'dev', bytes: sums.dev },
    { kind: 'prod', bytes: sums.prod },
    { kind: 'gaming', bytes: sums.gaming },
    { kind: 'other', bytes: sums.other },
    { kind: 'free', bytes: Math.max(0, totalBytes - usedBytes) },
  ];
  const gaming = sums.gaming > 0;
  const dev = sums.dev > 0;
  return { totalBytes, segments, usedBytes, mode: gaming ? 'Gaming' : dev ? 'Testing' : 'Normal', devWhileGaming: gaming && dev, overcommitted: usedBytes > totalBytes };
}

export interface WhatIf {
  action: 'start-gaming' | 'start-dev' | 'stop-dev' | 'stop-gaming';
  usedBytes: number;
  totalBytes: number;
  fits: boolean;
  /** For start-gaming: would it fit once DEV is stopped (the stop-dev policy)? */
  fitsAfterStoppingDev?: boolean;
}

/** "Start gaming: 60 of 64 GB" and friends, for the VMs that are not in that state now. */
export function whatIfs(totalBytes: number, vms: VmDto[], reserveBytes = DEFAULT_SETTINGS.reserveBytes, bufferBytes = 0): WhatIf[] {
  const now = proxmoxCapacity(totalBytes, vms, reserveBytes).usedBytes;
  const fits = (used: number) => used + bufferBytes <= totalBytes;
  const of = (kind: VmKind) => vms.filter((v) => vmKind(v) === kind);
  const stoppedMem = (kind: VmKind) => of(kind).filter((v) => !v.running).reduce((s, v) => s + v.memMaxBytes, 0);
  const runningMem = (kind: VmKind) => of(kind).filter((v) => v.running).reduce((s, v) => s + v.memMaxBytes, 0);
  const out: WhatIf[] = [];
  if (stoppedMem('gaming') > 0) {
    const used = now + stoppedMem('gaming');
    out.push({ action: 'start-gaming', usedBytes: used, totalBytes, fits: fits(used), fitsAfterStoppingDev: fits(used - runningMem('dev')) });
  }
  if (stoppedMem('dev') > 0) {
    const used = now + stoppedMem('dev');
    out.push({ action: 'start-dev', usedBytes: used, totalBytes, fits: fits(used) });
  }
  if (runningMem('dev') > 0) out.push({ action: 'stop-dev', usedBytes: now - runningMem('dev'), totalBytes, fits: true });
  if (runningMem('gaming') > 0) out.push({ action: 'stop-gaming', usedBytes: now - runningMem('gaming'), totalBytes, fits: true });
  return out;
}

export interface OciCapacity {
  totalBytes: number;
  allocatableBytes: number;
  requestedBytes: number;
  usedBytes: number | null;
  /** Share of allocatable requested by pods, 0..1+. */
  requestRatio: number;
}

export function ociCapacity(cluster: Pick<ClusterSummary, 'memAllocatableBytes' | 'memUsedBytes' | 'pods'> | null, totalBytes = OCI_TOTAL_BYTES): OciCapacity | null {
  if (!cluster) return null;
  const alloc = cluster.memAllocatableBytes;
  return {
    totalBytes,
    allocatableBytes: alloc,
    requestedBytes: cluster.pods.memRequestBytes,
    usedBytes: cluster.memUsedBytes,
    requestRatio: alloc > 0 ? cluster.pods.memRequestBytes / alloc : 0,
  };
}

/** Bytes → GiB rounded to one decimal for display ("52", "3.5"). */
export function gib(bytes: number): number {
  return Math.round((bytes / GiB) * 10) / 10;
}

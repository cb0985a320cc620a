// Test fixtures for the pre-flight rules (imported by tests only): the seeded homelab's VMs and
// facts on Tuesday 2026-11-24 19:00 UTC, as the simulator seeds them.
import { GamingConfigSchema, type GamingConfig } from './config';
import type { PreflightFacts, VmFacts } from './preflight';

export const GiB = 1024 ** 3;
export const vm = (vmid: number, name: string, memGiB: number, running: boolean, tags: string[], pci: string[] = []): VmFacts => ({ vmid, name, running, memoryBytes: memGiB * GiB, tags, pci });
/** DEV 4 + PROD 16 running, gaming 32 off, on a 64 GiB host. */
export const SEED = [
  vm(101, 'talos-dev', 4, true, ['talos', 'dev']),
  vm(201, 'talos-prod-cp', 4, true, ['talos', 'prod']),
  vm(202, 'talos-prod-worker-1', 12, true, ['talos', 'prod']),
  vm(300, 'windows-gaming', 32, false, ['gaming'], ['0000:01:00,pcie=1,x-vga=1']),
];
export const TUE_19 = new Date('2026-11-24T19:00:00Z');

export function facts(over: Partial<PreflightFacts> = {}, cfg: Partial<GamingConfig> = {}): PreflightFacts {
  return {
    role: 'family',
    now: TUE_19,
    cfg: { ...GamingConfigSchema.parse({}), ...cfg },
    hostTotalBytes: 64 * GiB,
    vms: SEED,
    gamingVmid: 300,
    promotionInFlight: false,
    weeklyMinutesUsed: 0,
    ...over,
  };
}
/** The memory reserve without the 4 GB buffer. */
export const noBuffer = { memory: { hostReserveGiB: 4, zfsArcGiB: 8, bufferGiB: 0 } };

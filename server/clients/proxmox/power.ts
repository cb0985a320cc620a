import 'server-only';
import type { VmFacts } from '@/lib/gaming/preflight';
import type { ProxmoxClient } from './connect';
import { pve, toProxmoxError } from './errors';

// The gaming VM's and DEV VMs' power and state, as our DTOs. Only this file (and read.ts) talk to
// proxmox-api for VMs; everything else gets `PowerApi` through its ctx so tests can use the simulator.

export interface VmStatus extends Omit<VmFacts, 'pci'> {
  uptimeSeconds: number;
  /** Guest network output counter (bytes), for idle detection. */
  netoutBytes: number;
}

export interface TaskStatus {
  running: boolean;
  /** "OK" or Proxmox's error text once stopped. */
  exitstatus: string | null;
}

export interface PowerApi {
  listVms(): Promise<VmStatus[]>;
  vmPci(vmid: number): Promise<string[]>;
  hostTotalBytes(): Promise<number>;
  start(vmid: number): Promise<string>;
  /** ACPI shutdown (a task). */
  shutdown(vmid: number): Promise<string>;
  /** Hard stop (a task). */
  stop(vmid: number): Promise<string>;
  /** Guest-agent shutdown; false when the agent doesn't answer (use ACPI then). */
  agentShutdown(vmid: number): Promise<boolean>;
  /** true when the guest agent answers; false while the guest is off or booting. */
  agentPing(vmid: number): Promise<boolean>;
  task(upid: string): Promise<TaskStatus>;
}

const tagsOf = (t: unknown) => (typeof t === 'string' && t ? t.split(/[;,\s]+/).filter(Boolean) : []);

/** Agent "not running" answers are a 500 with this text; anything else is a real failure. */
const AGENT_DOWN = /guest agent is not running|is not running|not running/i;

export function powerApi(api: ProxmoxClient, node: string): PowerApi {
  const n = api.nodes.$(node);
  const qemu = (vmid: number) => n.qemu.$(vmid);
  return {
    listVms: () =>
      pve(async () =>
        (await n.qemu.$get()).map((v) => ({
          vmid: Number(v.vmid),
          name: v.name ?? `VM ${v.vmid}`,
          running: v.status === 'running',
          memoryBytes: Number(v.maxmem ?? 0),
          tags: tagsOf(v.tags),
          uptimeSeconds: Number(v.uptime ?? 0),
          netoutBytes: Number((v as { netout?: number }).netout ?? 0),
        })),
      ),
    vmPci: (vmid) =>
      pve(async () => {
        const cfg = (await qemu(vmid).config.$get()) as Record<string, unknown>;
        return Object.entries(cfg)
          .filter(([k]) => /^hostpci\d+$/.test(k))
          .map(([, v]) => String(v));
      }),
    hostTotalBytes: () => pve(async () => Number((await n.status.$get()).memory.total)),
    start: (vmid) => pve(() => qemu(vmid).status.start.$post()),
    shutdown: (vmid) => pve(() => qemu(vmid).status.shutdown.$post()),
    stop: (vmid) => pve(() => qemu(vmid).status.stop.$post()),
    agentShutdown: async (vmid) => {
      try {
        await pve(() => qemu(vmid).agent.shutdown.$post());
        return true;
      } catch (e) {
        const err = toProxmoxError(e);
        if (err.status === 500 && AGENT_DOWN.test(err.reason)) return false;
        throw err;
      }
    },
    agentPing: async (vmid) => {
      try {
        await pve(() => qemu(vmid).agent.ping.$post());
        return true;
      } catch (e) {
        const err = toProxmoxError(e);
        if (err.status === 500 && AGENT_DOWN.test(err.reason)) return false;
        throw err;
      }
    },
    task: (upid) =>
      pve(async () => {
        const t = await n.tasks.$(upid).status.$get();
        return { running: t.status === 'running', exitstatus: t.status === 'running' ? null : String(t.exitstatus ?? '') };
      }),
  };
}

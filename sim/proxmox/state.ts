// State of the simulated Proxmox host: VMs, tasks and host memory. Time is evaluated lazily
// (`tick()` on every read) instead of with timers, so nothing keeps running after `close()`.
import { PROXMOX } from '../seed/catalogue';

const GiB = 1024 ** 3;

export type TaskType = 'qmstart' | 'qmshutdown' | 'qmstop';

export interface VmState {
  vmid: number;
  name: string;
  memoryGiB: number;
  cores: number;
  tags: string;
  hostpci0?: string;
  diskGiB: number;
  running: boolean;
  /** ms epoch the VM last started (uptime). */
  startedAt: number | null;
  /** ms epoch the guest agent answers from. */
  agentReadyAt: number | null;
  pid: number | null;
}

export interface Task {
  upid: string;
  node: string;
  pid: number;
  pstart: number;
  starttime: number;
  type: TaskType;
  id: string;
  user: string;
  /** ms epoch the task finishes. */
  endsAt: number;
  status: 'running' | 'stopped';
  exitstatus?: string;
  endtime?: number;
  log: string[];
}

const DISKS: Record<number, number> = { 101: 50, 201: 50, 202: 200, 300: 1024 };
const hex8 = (n: number) => n.toString(16).toUpperCase().padStart(8, '0');

export class ProxmoxState {
  readonly node = PROXMOX.node;
  readonly bootedAt = Date.now() - 23 * 24 * 3600 * 1000 - 7 * 3600 * 1000;
  readonly vms = new Map<number, VmState>();
  readonly tasks: Task[] = [];
  private failures = new Map<number, string[]>();
  private guestShutdowns = new Map<number, number>();
  /** ± drift of host memory and CPU so dashboards see live figures; tests can switch it off. */
  drift = true;

  constructor(
    public bootDelayMs: number,
    public taskDelayMs: number,
  ) {
    const now = Date.now();
    for (const v of PROXMOX.vms) {
      this.vms.set(v.vmid, {
        vmid: v.vmid,
        name: v.name,
        memoryGiB: v.memoryGiB,
        cores: v.cores,
        tags: v.tags,
        hostpci0: 'hostpci0' in v ? v.hostpci0 : undefined,
        diskGiB: DISKS[v.vmid] ?? 32,
        running: v.running,
        // Seeded VMs have been up since a few hours after the host booted.
        startedAt: v.running ? this.bootedAt + 3 * 3600 * 1000 : null,
        agentReadyAt: v.running ? now - 1000 : null,
        pid: v.running ? 1000 + v.vmid * 7 : null,
      });
    }
  }

  vm(vmid: number): VmState | undefined {
    return this.vms.get(vmid);
  }

  /** Makes the next task of `vmid` end with `message` (Proxmox's exitstatus) and change nothing. */
  failNextTask(vmid: number, message: string) {
    this.failures.set(vmid, [...(this.failures.get(vmid) ?? []), message]);
  }

  setVmRunning(vmid: number, running: boolean, opts: { agentReady?: boolean } = {}) {
    const vm = this.vms.get(vmid);
    if (!vm) throw new Error(`no VM ${vmid}`);
    const now = Date.now();
    vm.running = running;
    vm.startedAt = running ? now : null;
    vm.pid = running ? 1000 + Math.floor(Math.random() * 900000) : null;
    vm.agentReadyAt = running ? (opts.agentReady === false ? now + this.bootDelayMs : now) : null;
  }

  createTask(type: TaskType, vmid: number, user: string): Task {
    this.tick();
    const now = Date.now();
    const pid = 100000 + Math.floor(Math.random() * 3_000_000);
    const pstart = Math.floor((now - this.bootedAt) / 10); // jiffies since boot, like /proc/<pid>/stat
    const starttime = Math.floor(now / 1000);
    const upid = `UPID:${this.node}:${hex8(pid)}:${hex8(pstart)}:${hex8(starttime)}:${type}:${vmid}:${user}:`;
    const task: Task = { upid, node: this.node, pid, pstart, starttime, type, id: String(vmid), user, endsAt: now + this.taskDelayMs, status: 'running', log: [] };
    this.tasks.push(task);
    return task;
  }

  /** Finishes every task whose time has come, in start order, applying its effect. */
  tick(now = Date.now()) {
    for (const [vmid, at] of this.guestShutdowns) {
      if (at > now) continue;
      this.guestShutdowns.delete(vmid);
      if (this.vms.get(vmid)?.running) this.setVmRunning(vmid, false);
    }
    for (const t of this.tasks) {
      if (t.status !== 'running' || t.endsAt > now) continue;
      const vm = this.vms.get(Number(t.id));
      const queued = this.failures.get(Number(t.id));
      let exit = 'OK';
      if (queued && queued.length > 0) {
        exit = queued.shift() as string;
      } else if (!vm) {
        exit = `Configuration file 'nodes/${this.node}/qemu-server/${t.id}.conf' does not exist`;
      } else if (t.type === 'qmstart') {
        if (vm.running) exit = `VM ${vm.vmid} already running`;
        else {
          this.setVmRunning(vm.vmid, true, { agentReady: false });
          vm.startedAt = t.endsAt;
          vm.agentReadyAt = t.endsAt + this.bootDelayMs;
          t.log.push(`start VM ${vm.vmid}: UPID ${t.upid}`);
        }
      } else if (!vm.running) {
        exit = `VM ${vm.vmid} not running`;
      } else {
        this.setVmRunning(vm.vmid, false);
        t.log.push(t.type === 'qmstop' ? `stop VM ${vm.vmid}` : `shutdown VM ${vm.vmid}`);
      }
      if (exit !== 'OK') t.log.push(exit);
      t.log.push(exit === 'OK' ? 'TASK OK' : `TASK ERROR: ${exit}`);
      t.status = 'stopped';
      t.exitstatus = exit;
      t.endtime = Math.floor(t.endsAt / 1000);
    }
  }

  /** Agent shutdown is no task on Proxmox: the guest just powers off a moment later. */
  scheduleGuestShutdown(vmid: number) {
    this.guestShutdowns.set(vmid, Date.now() + this.taskDelayMs);
  }

  upid(upid: string): Task | undefined {
    this.tick();
    return this.tasks.find((t) => t.upid === upid);
  }

  private wave(periodMs: number, phase = 0) {
    return this.drift ? Math.sin(Date.now() / periodMs + phase) : 0;
  }

  /** Bytes: host reserve + ZFS ARC + every running VM's memory (+ small drift). */
  memory() {
    this.tick();
    const total = PROXMOX.memoryGiB * GiB;
    const vms = [...this.vms.values()].filter((v) => v.running).reduce((n, v) => n + v.memoryGiB * GiB, 0);
    const drift = Math.round(this.wave(47_000) * 96 * 1024 ** 2);
    const used = Math.min(total, PROXMOX.hostReserveGiB * GiB + PROXMOX.zfsArcGiB * GiB + vms + drift);
    return { total, used, free: total - used, available: total - used + Math.round(PROXMOX.zfsArcGiB * GiB * 0.8) };
  }

  /** Host CPU share 0..1, from what the running VMs do. */
  cpu(): number {
    this.tick();
    const load = [...this.vms.values()].filter((v) => v.running).reduce((n, v) => n + v.cores * (v.vmid === 300 ? 0.45 : 0.12), 0);
    return Math.max(0.005, Math.min(1, (load + 0.3 + 0.2 * this.wave(13_000)) / PROXMOX.cpus));
  }

  vmCpu(vm: VmState): number {
    if (!vm.running) return 0;
    const base = vm.vmid === 300 ? 0.4 : 0.08;
    return Math.max(0.001, base + 0.04 * this.wave(9_000, vm.vmid));
  }

  /** Guest memory in use as the balloon driver reports it (a share of maxmem). */
  vmMem(vm: VmState): number {
    if (!vm.running) return 0;
    const share = vm.vmid === 300 ? 0.55 : 0.7;
    return Math.round(vm.memoryGiB * GiB * (share + 0.05 * this.wave(21_000, vm.vmid)));
  }

  /** Stable MAC in Proxmox's own OUI (BC:24:11), derived from the vmid. */
  macFor(vmid: number): string {
    const h = (vmid * 2654435761) >>> 0;
    return ['BC', '24', '11', (h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff]
      .map((x) => (typeof x === 'number' ? x.toString(16).toUpperCase().padStart(2, '0') : x))
      .join(':');
  }
}

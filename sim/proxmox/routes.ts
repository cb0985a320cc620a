// Proxmox VE API handlers (the subset the panel uses), answering in PVE's `{"data": …}` envelope.
import { PROXMOX } from '../seed/catalogue';
import { hasPriv, type PveToken } from './auth';
import type { ProxmoxState, TaskType, VmState } from './state';
import { canSeeTask, taskJson, tasksList } from './tasks';

const GiB = 1024 ** 3;

/** An error the way pveproxy reports it: status line reason and `message` carry the same text. */
export class PveError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface PveCtx {
  method: string;
  path: string;
  params: URLSearchParams;
  token: PveToken;
  state: ProxmoxState;
}

function need(ctx: PveCtx, path: string, priv: string) {
  if (!hasPriv(ctx.token, path, priv)) throw new PveError(403, `Permission check failed (${path}, ${priv})`);
}

function nodeOr500(ctx: PveCtx, node: string) {
  if (node !== ctx.state.node && node !== 'localhost') {
    throw new PveError(500, `hostname lookup '${node}' failed - failed to get address info for: ${node}: Name or service not known`);
  }
}

function vmOr500(ctx: PveCtx, vmid: string): VmState {
  const vm = ctx.state.vm(Number(vmid));
  if (!vm) throw new PveError(500, `Configuration file 'nodes/${ctx.state.node}/qemu-server/${vmid}.conf' does not exist`);
  return vm;
}

function uptimeOf(ctx: PveCtx, vm: VmState): number {
  return vm.running && vm.startedAt ? Math.max(0, Math.floor((Date.now() - vm.startedAt) / 1000)) : 0;
}

function vmSummary(ctx: PveCtx, vm: VmState) {
  const s = ctx.state;
  const up = uptimeOf(ctx, vm);
  return {
    vmid: vm.vmid,
    name: vm.name,
    status: vm.running ? 'running' : 'stopped',
    maxmem: vm.memoryGiB * GiB,
    mem: s.vmMem(vm),
    cpus: vm.cores,
    cpu: s.vmCpu(vm),
    maxdisk: vm.diskGiB * GiB,
    disk: 0,
    uptime: up,
    netin: up * 41_000,
    netout: up * 17_000,
    diskread: up * 9_000,
    diskwrite: up * 23_000,
    tags: vm.tags,
    ...(vm.running && vm.pid ? { pid: vm.pid } : {}),
  };
}

function version() {
  return { version: '8.3.2', release: '8.3', repoid: '3e76eec21c4a14a7' };
}

function nodesList(ctx: PveCtx) {
  const s = ctx.state;
  const mem = s.memory();
  return [
    {
      node: s.node,
      status: 'online',
      type: 'node',
      id: `node/${s.node}`,
      level: '',
      cpu: s.cpu(),
      maxcpu: PROXMOX.cpus,
      mem: mem.used,
      maxmem: mem.total,
      disk: 38 * GiB,
      maxdisk: 94 * GiB,
      uptime: Math.floor((Date.now() - s.bootedAt) / 1000),
      ssl_fingerprint: '5C:1E:9A:0B:77:21:3D:4F:8A:6E:C2:90:1B:3F:44:D7:E8:0A:62:19:5B:AF:73:C4:08:9D:E1:36:2B:5F:70:AA',
    },
  ];
}

function nodeStatus(ctx: PveCtx) {
  const s = ctx.state;
  const mem = s.memory();
  const cpu = s.cpu();
  const load = (f: number) => (cpu * PROXMOX.cpus * f).toFixed(2);
  return {
    cpu,
    wait: 0.0012,
    idle: 0,
    uptime: Math.floor((Date.now() - s.bootedAt) / 1000),
    loadavg: [load(1), load(0.95), load(0.9)],
    memory: mem,
    swap: { total: 8 * GiB, used: 0, free: 8 * GiB },
    ksm: { shared: 0 },
    rootfs: { total: 94 * GiB, used: 38 * GiB, free: 56 * GiB, avail: 56 * GiB },
    cpuinfo: { cpus: PROXMOX.cpus, sockets: 1, cores: PROXMOX.cpus / 2, model: 'AMD Ryzen 7 5800X 8-Core Processor', mhz: '3800.000', hvm: '1', user_hz: 100, flags: 'fpu vme de pse tsc msr pae mce cx8 apic sep mtrr svm' },
    kversion: 'Linux 6.8.12-5-pve #1 SMP PREEMPT_DYNAMIC PMX 6.8.12-5 (2024-12-03T10:26Z) x86_64',
    pveversion: 'pve-manager/8.3.2/3e76eec21c4a14a7',
    'boot-info': { mode: 'efi', secureboot: 0 },
    'current-kernel': { sysname: 'Linux', release: '6.8.12-5-pve', version: '#1 SMP PREEMPT_DYNAMIC PMX 6.8.12-5 (2024-12-03T10:26Z)', machine: 'x86_64' },
  };
}

function vmConfig(ctx: PveCtx, vm: VmState) {
  const gaming = vm.hostpci0 !== undefined;
  const cfg: Record<string, string | number> = {
    name: vm.name,
    // PVE 8 returns `memory` as a property string ("[current=]<MiB>"), hence a string.
    memory: String(vm.memoryGiB * 1024),
    cores: vm.cores,
    sockets: 1,
    cpu: 'host',
    numa: 0,
    ostype: gaming ? 'win11' : 'l26',
    agent: '1',
    boot: 'order=scsi0;net0',
    scsihw: 'virtio-scsi-single',
    scsi0: `local-zfs:vm-${vm.vmid}-disk-0,iothread=1,size=${vm.diskGiB}G`,
    net0: `virtio=${ctx.state.macFor(vm.vmid)},bridge=vmbr0,firewall=1`,
    onboot: vm.vmid === 300 ? 0 : 1,
    tags: vm.tags,
    smbios1: `uuid=6f1c3a2e-${String(vm.vmid).padStart(4, '0')}-4b1e-9c7d-2a9f0e5b8c11`,
    vmgenid: `0b8e5a7c-${String(vm.vmid).padStart(4, '0')}-4f2a-8d3b-7c6e1f9a2d40`,
    meta: 'creation-qemu=9.0.2,ctime=1733412000',
    digest: `${vm.vmid.toString(16).padStart(8, '0')}c4a1e7d3b9f2056a8e1d4c7b3a9f0e2d5c8b`,
  };
  if (gaming) Object.assign(cfg, { bios: 'ovmf', machine: 'pc-q35-9.0', hostpci0: vm.hostpci0 as string, efidisk0: `local-zfs:vm-${vm.vmid}-disk-1,efitype=4m,pre-enrolled-keys=1,size=1M`, vga: 'none' });
  return cfg;
}

function vmCurrent(ctx: PveCtx, vm: VmState) {
  return {
    ...vmSummary(ctx, vm),
    qmpstatus: vm.running ? 'running' : 'stopped',
    agent: 1,
    ha: { managed: 0 },
    ...(vm.running ? { 'running-qemu': '9.0.2', 'running-machine': vm.hostpci0 ? 'pc-q35-9.0+pve0' : 'pc-i440fx-9.0+pve0' } : {}),
  };
}

function powerTask(ctx: PveCtx, vm: VmState, type: TaskType): string {
  need(ctx, `/vms/${vm.vmid}`, 'VM.PowerMgmt');
  return ctx.state.createTask(type, vm.vmid, ctx.token.id).upid;
}

function agentReady(ctx: PveCtx, vm: VmState) {
  if (!vm.running) throw new PveError(500, `VM ${vm.vmid} is not running`);
  if (!vm.agentReadyAt || Date.now() < vm.agentReadyAt) throw new PveError(500, 'QEMU guest agent is not running');
}

type Handler = (ctx: PveCtx, m: RegExpExecArray) => unknown;

const N = '/nodes/([^/]+)';
const Q = `${N}/qemu/(\\d+)`;

export const ROUTES: { method: string; pattern: RegExp; handle: Handler }[] = [
  { method: 'GET', pattern: /^\/version$/, handle: () => version() },
  { method: 'GET', pattern: /^\/nodes$/, handle: (ctx) => nodesList(ctx) },
  {
    method: 'GET',
    pattern: new RegExp(`^${N}/status$`),
    handle: (ctx, m) => (nodeOr500(ctx, m[1]), need(ctx, `/nodes/${m[1]}`, 'Sys.Audit'), nodeStatus(ctx)),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${N}/qemu$`),
    handle: (ctx, m) => {
      nodeOr500(ctx, m[1]);
      ctx.state.tick();
      // Like PVE, the list silently omits VMs the token may not audit.
      return [...ctx.state.vms.values()].filter((vm) => hasPriv(ctx.token, `/vms/${vm.vmid}`, 'VM.Audit')).map((vm) => vmSummary(ctx, vm));
    },
  },
  { method: 'GET', pattern: new RegExp(`^${Q}/config$`), handle: (ctx, m) => (nodeOr500(ctx, m[1]), need(ctx, `/vms/${m[2]}`, 'VM.Audit'), vmConfig(ctx, vmOr500(ctx, m[2]))) },
  {
    method: 'GET',
    pattern: new RegExp(`^${Q}/status/current$`),
    handle: (ctx, m) => (nodeOr500(ctx, m[1]), need(ctx, `/vms/${m[2]}`, 'VM.Audit'), ctx.state.tick(), vmCurrent(ctx, vmOr500(ctx, m[2]))),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${Q}/status/(start|shutdown|stop)$`),
    handle: (ctx, m) => {
      nodeOr500(ctx, m[1]);
      need(ctx, `/vms/${m[2]}`, 'VM.PowerMgmt');
      const type = ({ start: 'qmstart', shutdown: 'qmshutdown', stop: 'qmstop' } as const)[m[3] as 'start' | 'shutdown' | 'stop'];
      return powerTask(ctx, vmOr500(ctx, m[2]), type);
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${Q}/agent/ping$`),
    handle: (ctx, m) => {
      nodeOr500(ctx, m[1]);
      need(ctx, `/vms/${m[2]}`, 'VM.Monitor');
      ctx.state.tick();
      agentReady(ctx, vmOr500(ctx, m[2]));
      return { result: {} };
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${Q}/agent/shutdown$`),
    handle: (ctx, m) => {
      nodeOr500(ctx, m[1]);
      need(ctx, `/vms/${m[2]}`, 'VM.PowerMgmt');
      ctx.state.tick();
      const vm = vmOr500(ctx, m[2]);
      agentReady(ctx, vm);
      ctx.state.scheduleGuestShutdown(vm.vmid);
      return { result: {} };
    },
  },
  { method: 'GET', pattern: new RegExp(`^${N}/tasks$`), handle: (ctx, m) => (nodeOr500(ctx, m[1]), tasksList(ctx)) },
  {
    method: 'GET',
    pattern: new RegExp(`^${N}/tasks/([^/]+)/(status|log)$`),
    handle: (ctx, m) => {
      nodeOr500(ctx, m[1]);
      const t = ctx.state.upid(m[2]);
      if (!t) throw new PveError(500, `unable to parse worker upid '${m[2]}'`);
      if (!canSeeTask(ctx, t)) throw new PveError(403, `Permission check failed (/nodes/${m[1]}, Sys.Audit)`);
      if (m[3] === 'log') return t.log.map((line, i) => ({ n: i + 1, t: line }));
      return taskJson(t);
    },
  },
];

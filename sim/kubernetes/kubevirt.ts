// KubeVirt on a simulated cluster, reduced to what the panel observes: a VirtualMachine whose
// `spec.runStrategy` Argo CD applies from the GitOps repository, and its VirtualMachineInstance.
// Always → VMI Pending → Scheduling → Scheduled → Running (VM Running/Ready), then after the boot
// delay the guest agent connects (condition AgentConnected=True). Halted → VMI Succeeded, then
// deleted; the VM is Stopped. Every change goes through the store, so watchers see each phase.
import type { NodeSlot } from './seed';
import type { KubeStore } from './store';
import type { KubeObject, ResourceType } from './resources';
import { isoNow, sha256 } from './util';

const READ = ['get', 'list', 'watch'];

export const KUBEVIRT_TYPES: ResourceType[] = [
  { key: 'kubevirt.io/v1/virtualmachines', group: 'kubevirt.io', version: 'v1', plural: 'virtualmachines', singular: 'virtualmachine', kind: 'VirtualMachine', namespaced: true, verbs: READ, shortNames: ['vm', 'vms'] },
  { key: 'kubevirt.io/v1/virtualmachineinstances', group: 'kubevirt.io', version: 'v1', plural: 'virtualmachineinstances', singular: 'virtualmachineinstance', kind: 'VirtualMachineInstance', namespaced: true, verbs: READ, shortNames: ['vmi', 'vmis'] },
];
export const [VMS, VMIS] = KUBEVIRT_TYPES;

export type RunStrategy = 'Always' | 'Halted' | 'Manual' | 'RerunOnFailure';

export interface KubeVirtSimOptions {
  /** The gaming VM (seeded Halted). */
  namespace: string;
  name: string;
  gpu?: string;
  memory?: string;
  /** VMI Running → guest agent connected. Default 2000 ms. */
  bootDelayMs?: number;
  /** Between two VMI phases (Pending → Scheduling → …) and for the shutdown. Default 100 ms. */
  stepMs?: number;
}

interface Condition {
  type: string;
  status: 'True' | 'False';
  reason?: string;
  message?: string;
  lastTransitionTime: string;
  lastProbeTime: null;
}

type VmObject = KubeObject & { spec: { runStrategy: string; template: { spec: Record<string, unknown> } }; status: Record<string, unknown> };
type VmiObject = KubeObject & { spec: Record<string, unknown>; status: { phase: string; conditions: Condition[]; nodeName?: string; [k: string]: unknown } };

const cond = (type: string, status: 'True' | 'False', reason?: string, message?: string): Condition => ({ type, status, ...(reason ? { reason } : {}), ...(message ? { message } : {}), lastTransitionTime: isoNow(), lastProbeTime: null });

export class KubeVirt {
  private timers = new Set<NodeJS.Timeout>();
  /** Bumped on every runStrategy change: steps of an older change stop where they are. */
  private epoch = 0;
  private bootDelayMs: number;
  private stepMs: number;
  /** Knob: the next start stays Scheduling with this reason (no room, GPU taken). */
  private unschedulable: string | null = null;

  constructor(
    private readonly store: KubeStore,
    private readonly nodes: NodeSlot[],
    private readonly opts: KubeVirtSimOptions,
  ) {
    this.bootDelayMs = opts.bootDelayMs ?? 2000;
    this.stepMs = opts.stepMs ?? 100;
  }

  get namespace() {
    return this.opts.namespace;
  }

  get name() {
    return this.opts.name;
  }

  /** Creates the VirtualMachine, Halted (Argo CD then applies what the repository says). */
  seed(runStrategy: RunStrategy = 'Halted') {
    const { namespace, name } = this.opts;
    const memory = this.opts.memory ?? '32Gi';
    this.store.create<VmObject>(VMS.key, {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: { name, namespace, uid: '', creationTimestamp: isoNow(), generation: 1, labels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'homelab', 'argocd.argoproj.io/instance': `${name}` }, annotations: { 'kubevirt.io/latest-observed-api-version': 'v1', 'kubevirt.io/storage-observed-api-version': 'v1' } },
      spec: {
        runStrategy,
        template: {
          spec: {
            domain: { cpu: { cores: 8 }, memory: { guest: memory }, resources: { requests: { memory } }, devices: { gpus: this.opts.gpu ? [{ name: 'gpu1', deviceName: this.opts.gpu }] : [] } },
            terminationGracePeriodSeconds: 180,
          },
        },
      },
      status: { printableStatus: 'Stopped', ready: false, created: false, conditions: [cond('Ready', 'False', 'VMINotExists', 'VMI does not exist')], volumeSnapshotStatuses: [] },
    });
  }

  vm(): VmObject | undefined {
    return this.store.get<VmObject>(VMS.key, this.opts.namespace, this.opts.name);
  }

  vmi(): VmiObject | undefined {
    return this.store.get<VmiObject>(VMIS.key, this.opts.namespace, this.opts.name);
  }

  /** Knob: the next start cannot be scheduled (the VMI stays Scheduling with this message); null clears. */
  setUnschedulable(message: string | null) {
    this.unschedulable = message;
  }

  setBootDelay(ms: number) {
    this.bootDelayMs = ms;
  }

  /** What Argo CD's sync does: apply the manifest's runStrategy; the VM controller follows. */
  applyRunStrategy(name: string, runStrategy: string) {
    const vm = this.store.get<VmObject>(VMS.key, this.opts.namespace, name);
    if (!vm) return;
    if (vm.spec.runStrategy !== runStrategy) {
      this.store.update<VmObject>(VMS.key, this.opts.namespace, name, (d) => {
        d.spec.runStrategy = runStrategy;
        d.metadata.generation = Number(d.metadata.generation ?? 1) + 1;
      });
    }
    const epoch = ++this.epoch;
    if (runStrategy === 'Always' || runStrategy === 'RerunOnFailure') this.start(epoch);
    else if (runStrategy === 'Halted') this.stop(epoch);
  }

  private later(epoch: number, ms: number, fn: () => void) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (epoch === this.epoch) fn();
    }, ms);
    this.timers.add(t);
  }

  private setVmStatus(status: Record<string, unknown>) {
    this.store.update<VmObject>(VMS.key, this.opts.namespace, this.opts.name, (d) => {
      d.status = { ...d.status, ...status };
    });
  }

  private setVmi(mutate: (d: VmiObject) => void) {
    if (!this.vmi()) return;
    this.store.update<VmiObject>(VMIS.key, this.opts.namespace, this.opts.name, mutate);
  }

  private start(epoch: number) {
    const { namespace, name } = this.opts;
    const running = this.vmi();
    if (running && running.status.phase !== 'Succeeded' && running.status.phase !== 'Failed') return; // already on its way
    if (running) this.store.delete(VMIS.key, namespace, name);
    const vm = this.vm()!;
    const node = this.nodes.find((n) => n.worker) ?? this.nodes[0];
    this.store.create<VmiObject>(VMIS.key, {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachineInstance',
      metadata: {
        name,
        namespace,
        uid: '',
        creationTimestamp: isoNow(),
        generation: 1,
        labels: { 'kubevirt.io/vm': name, 'kubevirt.io/nodeName': '' },
        ownerReferences: [{ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', name, uid: vm.metadata.uid, controller: true, blockOwnerDeletion: true }],
        finalizers: ['kubevirt.io/virtualMachineControllerFinalize', 'foregroundDeleteVirtualMachine'],
      },
      spec: structuredClone(vm.spec.template.spec),
      status: { phase: 'Pending', conditions: [], guestOSInfo: {}, activePods: {} },
    });
    this.setVmStatus({ printableStatus: 'Starting', created: true, ready: false });
    const blocked = this.unschedulable;
    this.later(epoch, this.stepMs, () => {
      this.setVmi((d) => {
        d.status.phase = 'Scheduling';
        d.status.conditions = [cond('Ready', 'False', 'GuestNotRunning', 'Guest VM is not reported as running'), ...(blocked ? [cond('PodScheduled', 'False', 'Unschedulable', blocked)] : [])];
        d.status.activePods = { [sha256(`pod:${name}:${epoch}`).slice(0, 36)]: '' };
      });
      if (blocked) {
        this.setVmStatus({ printableStatus: 'ErrorUnschedulable' });
        return;
      }
      this.later(epoch, this.stepMs, () => {
        this.setVmi((d) => {
          d.status.phase = 'Scheduled';
          d.status.nodeName = node.name;
          d.metadata.labels = { ...d.metadata.labels, 'kubevirt.io/nodeName': node.name };
        });
        this.later(epoch, this.stepMs, () => {
          this.setVmi((d) => {
            d.status.phase = 'Running';
            d.status.conditions = [cond('Ready', 'True'), cond('LiveMigratable', 'False', 'HostDeviceNotLiveMigratable', 'VMI uses a host device')];
            d.status.interfaces = [{ name: 'default', ipAddress: '10.244.1.50', ipAddresses: ['10.244.1.50'], mac: '52:54:00:8a:1b:2c' }];
            d.status.migrationMethod = 'BlockMigration';
          });
          this.setVmStatus({ printableStatus: 'Running', ready: true, conditions: [cond('Ready', 'True')] });
          this.later(epoch, this.bootDelayMs, () => {
            this.setVmi((d) => {
              d.status.conditions = [...d.status.conditions.filter((c) => c.type !== 'AgentConnected'), cond('AgentConnected', 'True')];
              d.status.guestOSInfo = { id: 'mswindows', name: 'Microsoft Windows', prettyName: 'Windows 11 Pro', version: '10.0.22631', kernelRelease: '22631' };
            });
          });
        });
      });
    });
  }

  private stop(epoch: number) {
    const { namespace, name } = this.opts;
    if (!this.vmi()) {
      this.setVmStatus({ printableStatus: 'Stopped', ready: false, created: false });
      return;
    }
    this.setVmStatus({ printableStatus: 'Stopping', ready: false });
    this.later(epoch, this.stepMs, () => {
      this.setVmi((d) => {
        d.status.phase = 'Succeeded';
        d.status.conditions = [cond('Ready', 'False', 'PodTerminating', 'virt-launcher pod is terminating')];
      });
      this.later(epoch, this.stepMs, () => {
        this.store.delete(VMIS.key, namespace, name);
        this.setVmStatus({ printableStatus: 'Stopped', ready: false, created: false, conditions: [cond('Ready', 'False', 'VMINotExists', 'VMI does not exist')] });
      });
    });
  }

  close() {
    this.epoch++;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

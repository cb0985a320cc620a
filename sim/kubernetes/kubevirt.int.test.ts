// KubeVirt on the simulated prod cluster: kubevirt.io/v1 VirtualMachines and VirtualMachineInstances
// are discoverable, listable and watchable through client-node, and the VM follows the runStrategy
// committed to the GitOps repository once its Argo CD Application syncs.
import { CustomObjectsApi, Watch } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { SEED_CATALOGUE } from './catalogue';
import { GAMING_VM, gamingVmFiles, renderGamingVm } from '../gitops-template/gaming-vm';
import { catalogueFiles, fakeRepo } from '../argocd/test/fake-repo';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSimulator } from '../index';
import { fetchTrusting } from '../tls';
import { kubeconfig, sim, until } from './test/helpers';

const VM = { group: 'kubevirt.io', version: 'v1', namespace: GAMING_VM.namespace };
interface Vmi {
  status: { phase: string; conditions?: { type: string; status: string }[] };
}
interface Vm {
  spec: { runStrategy: string };
  status: { printableStatus: string; ready: boolean };
}

async function prodWithVm(bootDelayMs = 150) {
  const repo = fakeRepo({ ...catalogueFiles(SEED_CATALOGUE), ...gamingVmFiles() });
  const prod = await sim({
    cluster: 'prod',
    argocd: { repo, syncDelayMs: 50, progressMs: 50, vms: [{ app: GAMING_VM.app, cluster: 'prod', namespace: GAMING_VM.namespace, vm: GAMING_VM.name, dir: GAMING_VM.dir, file: GAMING_VM.file }] },
    kubevirt: { namespace: GAMING_VM.namespace, name: GAMING_VM.name, gpu: GAMING_VM.gpu, bootDelayMs, stepMs: 30 },
  });
  const kc = kubeconfig(prod, true);
  const api = kc.makeApiClient(CustomObjectsApi);
  const vm = async () => (await api.getNamespacedCustomObject({ ...VM, plural: 'virtualmachines', name: GAMING_VM.name })) as Vm;
  const vmi = async () => (await api.getNamespacedCustomObject({ ...VM, plural: 'virtualmachineinstances', name: GAMING_VM.name }).catch((e) => (e.code === 404 ? null : Promise.reject(e)))) as Vmi | null;
  return { repo, prod, kc, api, vm, vmi };
}

const agent = (v: Vmi | null) => v?.status.conditions?.some((c) => c.type === 'AgentConnected' && c.status === 'True') ?? false;

describe('kubevirt on the simulated prod cluster', () => {
  it('serves VirtualMachines and VirtualMachineInstances read-only, with discovery', async () => {
    const { prod, api, vm, vmi } = await prodWithVm();
    const groups = (await (await fetchTrusting(prod.ca)(`${prod.url}/apis`, { headers: { authorization: `Bearer ${prod.token}` } })).json()) as { groups: { name: string }[] };
    expect(groups.groups.map((g) => g.name)).toContain('kubevirt.io');
    const list = (await api.listClusterCustomObject({ group: 'kubevirt.io', version: 'v1', plural: 'virtualmachines' })) as { items: Vm[] };
    expect(list.items).toHaveLength(1);
    expect((await vm()).spec.runStrategy).toBe('Halted');
    expect((await vm()).status.printableStatus).toBe('Stopped');
    expect(await vmi()).toBeNull();
    // Read-only token: no writes.
    await expect(api.patchNamespacedCustomObject({ ...VM, plural: 'virtualmachines', name: GAMING_VM.name, body: { spec: { runStrategy: 'Always' } } })).rejects.toMatchObject({ code: expect.any(Number) });
  });

  it('follows a committed runStrategy: Always → Pending … Running → AgentConnected; Halted → Stopped, VMI gone', async () => {
    const { repo, kc, vm, vmi } = await prodWithVm();
    const phases: string[] = [];
    const ctl = await new Watch(kc).watch(`/apis/kubevirt.io/v1/namespaces/${GAMING_VM.namespace}/virtualmachineinstances`, {}, (type, obj: Vmi) => {
      const p = type === 'DELETED' ? 'Deleted' : obj.status.phase;
      if (phases[phases.length - 1] !== p) phases.push(p);
    }, () => {});
    try {
      await repo.externalCommit({ message: 'gaming: start', files: { [GAMING_VM.file]: renderGamingVm('Always') } });
      await until(async () => agent(await vmi()), 10_000, 'agent connected');
      expect((await vm()).status).toMatchObject({ printableStatus: 'Running', ready: true });
      expect((await vm()).spec.runStrategy).toBe('Always');
      await repo.externalCommit({ message: 'gaming: stop', files: { [GAMING_VM.file]: renderGamingVm('Halted') } });
      await until(async () => (await vm()).status.printableStatus === 'Stopped', 10_000, 'stopped');
      expect(await vmi()).toBeNull();
      await until(() => phases.includes('Deleted'), 2_000, 'the DELETED event');
    } finally {
      ctl.abort();
    }
    expect(phases).toEqual(['Pending', 'Scheduling', 'Scheduled', 'Running', 'Succeeded', 'Deleted']);
  });

  it('an unschedulable start stays Scheduling with the reason (knob)', async () => {
    const { repo, prod, vmi } = await prodWithVm();
    prod.kubevirt!.setUnschedulable('0/3 nodes are available: 3 Insufficient nvidia.com/GA104_GEFORCE_RTX_3070.');
    await repo.externalCommit({ message: 'gaming: start', files: { [GAMING_VM.file]: renderGamingVm('Always') } });
    const v = await until(async () => {
      const x = await vmi();
      return x?.status.phase === 'Scheduling' && x;
    }, 10_000, 'scheduling');
    expect(v.status.conditions).toContainEqual(expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }));
  });

  it('startSimulator({ kubevirt: true }): the seeded repository holds the VM, Argo CD deploys it from the real git repository', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sim-kubevirt-'));
    const s = await startSimulator({ dir, kubevirt: true, syncDelayMs: 50, bootDelayMs: 100 });
    try {
      const prod = s.clusters.get('prod')!;
      expect(await s.github.repo.readFile(s.github.repo.branch, GAMING_VM.file)).toContain('runStrategy: Halted');
      expect(prod.store.get('argoproj.io/v1alpha1/applications', 'argocd', GAMING_VM.app)).toBeDefined();
      expect(s.clusters.get('dev')!.kubevirt).toBeUndefined();
      await s.github.repo.externalCommit({ message: 'gaming: start', files: { [GAMING_VM.file]: renderGamingVm('Always') } });
      await until(() => prod.kubevirt!.vmi()?.status.conditions.some((c) => c.type === 'AgentConnected' && c.status === 'True'), 10_000, 'agent connected');
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
    // Without the option nothing changes: no kubevirt.io, no gaming-vm Application.
    const dir2 = mkdtempSync(path.join(tmpdir(), 'sim-kubevirt-'));
    const plain = await startSimulator({ dir: dir2 });
    try {
      expect(plain.clusters.get('prod')!.kubevirt).toBeUndefined();
      expect(plain.clusters.get('prod')!.store.get('argoproj.io/v1alpha1/applications', 'argocd', GAMING_VM.app)).toBeUndefined();
    } finally {
      await plain.close();
      rmSync(dir2, { recursive: true, force: true });
    }
  });
});

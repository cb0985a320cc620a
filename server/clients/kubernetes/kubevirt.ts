import 'server-only';
import { CustomObjectsApi } from '@kubernetes/client-node';
import { reshapeVm, reshapeVmi, type KubevirtVm, type KubevirtVmi } from '@/lib/gaming/kubevirt';
import type { Config } from '../../env';
import { UnavailableError } from '../../errors';
import { kubeConfigFor, type ClusterConfig } from './connect';
import { upstreamTimeoutMs } from '../upstream';
import { kubeCall, kubeError } from './errors';

// Read-only access to the KubeVirt gaming VM: the VirtualMachine, its VirtualMachineInstance and the
// cluster's other VMIs (for the GPU check). The panel never writes to the cluster: starting and
// stopping is a Git commit of the manifest (server/services/gaming/kubevirt.ts). Every request is
// bounded; failures become UpstreamError naming the cluster.

export interface KubevirtApi {
  readonly cluster: string;
  vm(): Promise<KubevirtVm | null>;
  vmi(): Promise<KubevirtVmi | null>;
  /** Every VMI of the cluster (all namespaces). */
  vmis(): Promise<KubevirtVmi[]>;
}

const GROUP = { group: 'kubevirt.io', version: 'v1' };

const notFound = (e: unknown) => (e as { code?: unknown })?.code === 404;

/** `timeoutMs`: the bound on each request (default `upstreams.timeoutMs`); the request is aborted at it. */
export function kubevirtApi(c: ClusterConfig, target: { namespace: string; vm: string }, timeoutMs?: number): KubevirtApi {
  const api = kubeConfigFor(c).makeApiClient(CustomObjectsApi);
  const one = async <T>(plural: string, what: string, reshape: (raw: unknown) => T): Promise<T | null> => {
    try {
      return reshape(await kubeCall(c.name, what, timeoutMs ?? upstreamTimeoutMs(), (o) => api.getNamespacedCustomObject({ ...GROUP, namespace: target.namespace, plural, name: target.vm }, o)));
    } catch (e) {
      if (notFound(e)) return null;
      throw kubeError(c.name, what, e);
    }
  };
  return {
    cluster: c.name,
    vm: () => one('virtualmachines', `read VirtualMachine ${target.namespace}/${target.vm}`, reshapeVm),
    vmi: () => one('virtualmachineinstances', `read VirtualMachineInstance ${target.namespace}/${target.vm}`, reshapeVmi),
    async vmis() {
      try {
        const r = (await kubeCall(c.name, 'list VirtualMachineInstances', timeoutMs ?? upstreamTimeoutMs(), (o) => api.listClusterCustomObject({ ...GROUP, plural: 'virtualmachineinstances' }, o))) as { items?: unknown[] };
        return (r.items ?? []).map(reshapeVmi);
      } catch (e) {
        throw kubeError(c.name, 'list VirtualMachineInstances', e);
      }
    },
  };
}

/** The configured KubeVirt cluster's client; 503 with a clear message when it is not configured. */
export function kubevirtFromConfig(cfg: Config, target: { cluster: string; namespace: string; vm: string }): KubevirtApi {
  const c = cfg.clusters.find((x) => x.name === target.cluster);
  if (!c) throw new UnavailableError(`The gaming VM's cluster "${target.cluster}" is not among the panel's clusters (gaming.kubevirt.cluster in homelab.yaml).`);
  return kubevirtApi(c, target);
}

// Builders for the wire objects (Node, Namespace, Pod, Event) as kube-apiserver serialises them.
// Only fields the panel (or kubectl) plausibly reads are filled, but those are filled faithfully.
import type { SimNode } from '../seed/catalogue';
import type { KubeObject } from './resources';
import { DAY, hash32, isoAgo, sha256, suffix } from './util';

export interface NodeObject extends KubeObject {
  spec: { podCIDR: string; podCIDRs: string[]; taints?: { key: string; effect: string; timeAdded?: string }[] };
  status: {
    capacity: Record<string, string>;
    allocatable: Record<string, string>;
    conditions: { type: string; status: string; reason: string; message: string; lastHeartbeatTime: string; lastTransitionTime: string }[];
    addresses: { type: string; address: string }[];
    nodeInfo: Record<string, string>;
    daemonEndpoints: { kubeletEndpoint: { Port: number } };
  };
}

export interface ContainerStatus {
  name: string;
  image: string;
  imageID: string;
  containerID: string;
  ready: boolean;
  started: boolean;
  restartCount: number;
  state: Record<string, Record<string, string | number>>;
  lastState: Record<string, Record<string, string | number>>;
}

export interface PodObject extends KubeObject {
  spec: {
    nodeName: string;
    containers: { name: string; image: string; resources: { requests?: Record<string, string>; limits?: Record<string, string> } }[];
    restartPolicy: string;
    serviceAccountName: string;
    [k: string]: unknown;
  };
  status: {
    phase: string;
    conditions: { type: string; status: string; lastTransitionTime: string; reason?: string }[];
    hostIP: string;
    podIP: string;
    podIPs: { ip: string }[];
    startTime: string;
    qosClass: string;
    containerStatuses: ContainerStatus[];
  };
}

// Talos 1.9 ships Linux 6.12 and containerd 2.0 (Talos release notes); arm64 on the Oracle Ampere nodes.
const TALOS_KERNEL: Record<string, string> = { 'v1.9.0': '6.12.5-talos', 'v1.9.1': '6.12.6-talos', 'v1.9.2': '6.12.9-talos', 'v1.9.3': '6.12.11-talos' };
const CONTAINERD = 'containerd://2.0.2';
export const archOf = (node: string) => (node.startsWith('oci-') ? 'arm64' : 'amd64');

export function buildNode(cluster: { name: string; running: { talosVersion: string; kubeletVersion: string } }, n: SimNode, index: number, bootMs: number): NodeObject {
  const cp = n.role.includes('control-plane');
  const memKi = n.memoryGiB * 1024 * 1024 - 163_840; // a VM reports a little less than it was given
  const reservedKi = (192 + 100) * 1024; // Talos system-reserved 192Mi + kubelet eviction threshold 100Mi
  const created = isoAgo(bootMs + 30 * DAY);
  const heartbeat = isoAgo(0);
  const arch = archOf(n.name);
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': arch,
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': arch,
    'kubernetes.io/hostname': n.name,
    'kubernetes.io/os': 'linux',
  };
  if (cp) labels['node-role.kubernetes.io/control-plane'] = '';
  const cond = (type: string, status: string, reason: string, message: string) => ({ type, status, reason, message, lastHeartbeatTime: heartbeat, lastTransitionTime: isoAgo(bootMs) });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: n.name, uid: '', creationTimestamp: created, labels, annotations: { 'talos.dev/owned-labels': '["node-role.kubernetes.io/control-plane"]', 'node.alpha.kubernetes.io/ttl': '0' } },
    spec: {
      podCIDR: `10.244.${index}.0/24`,
      podCIDRs: [`10.244.${index}.0/24`],
      ...(cp && !n.role.includes('worker') ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}),
    },
    status: {
      capacity: { cpu: String(n.cpu), memory: `${memKi}Ki`, pods: '110', 'ephemeral-storage': `${n.diskGiB * 1024 * 1024 - 1_048_576}Ki`, 'hugepages-2Mi': '0' },
      allocatable: { cpu: `${n.cpu * 1000 - 50}m`, memory: `${memKi - reservedKi}Ki`, pods: '110', 'ephemeral-storage': `${Math.floor((n.diskGiB - 1.25) * 0.9 * 1024 * 1024 * 1024)}`, 'hugepages-2Mi': '0' },
      conditions: [
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [
        { type: 'InternalIP', address: `10.${hash32(cluster.name) % 200}.0.${10 + index}` },
        { type: 'Hostname', address: n.name },
      ],
      nodeInfo: {
        machineID: sha256(`machine:${n.name}`).slice(0, 32),
        systemUUID: sha256(`uuid:${n.name}`).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/, '$1-$2-$3-$4-$5'),
        bootID: sha256(`boot:${n.name}:${bootMs}`).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/, '$1-$2-$3-$4-$5'),
        kernelVersion: TALOS_KERNEL[cluster.running.talosVersion] ?? '6.12.9-talos',
        osImage: `Talos (${cluster.running.talosVersion})`,
        containerRuntimeVersion: CONTAINERD,
        kubeletVersion: cluster.running.kubeletVersion,
        kubeProxyVersion: '', // Cilium replaces kube-proxy
        operatingSystem: 'linux',
        architecture: arch,
      },
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    },
  };
}

export function buildNamespace(name: string, createdMs: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, uid: '', creationTimestamp: isoAgo(createdMs), labels: { 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

export interface PodSpecInput {
  namespace: string;
  /** Owning workload name (Deployment/DaemonSet/StatefulSet) or the static pod's name. */
  workload: string;
  owner: 'ReplicaSet' | 'DaemonSet' | 'StatefulSet' | 'Node';
  /** Distinguishes replicas / pod generations. */
  instance: string;
  node: { name: string; ip: string; podCidrIndex: number };
  image: string;
  memoryRequestMiB?: number;
  memoryLimitMiB?: number;
  cpuRequestMilli?: number;
  restartCount: number;
  ageMs: number;
  labels?: Record<string, string>;
}

export function imageId(image: string): string {
  const repo = image.split(':')[0];
  const full = repo.includes('/') && repo.split('/')[0].includes('.') ? repo : `docker.io/${repo.includes('/') ? repo : `library/${repo}`}`;
  return `${full}@sha256:${sha256(image)}`;
}

export function podName(p: Pick<PodSpecInput, 'workload' | 'owner' | 'instance' | 'node' | 'image'>): string {
  if (p.owner === 'Node') return `${p.workload}-${p.node.name}`;
  if (p.owner === 'StatefulSet') return `${p.workload}-${p.instance}`;
  if (p.owner === 'DaemonSet') return `${p.workload}-${suffix(`${p.workload}:${p.node.name}:${p.instance}`)}`;
  return `${p.workload}-${rsHash(p)}-${suffix(`${p.workload}:${p.instance}`)}`;
}

/** A new image is a new pod template, hence a new ReplicaSet (and pod-name prefix), as in a rollout. */
const rsHash = (p: Pick<PodSpecInput, 'workload' | 'image'>) => suffix(`rs:${p.workload}:${p.image}`, 10);

export function buildPod(p: PodSpecInput): PodObject {
  const name = podName(p);
  const started = isoAgo(p.ageMs);
  const requests: Record<string, string> = { cpu: `${p.cpuRequestMilli ?? 50}m` };
  if (p.memoryRequestMiB) requests.memory = `${p.memoryRequestMiB}Mi`;
  const limits: Record<string, string> = p.memoryLimitMiB ? { memory: `${p.memoryLimitMiB}Mi` } : {};
  const rsName = `${p.workload}-${rsHash(p)}`;
  const ownerName = p.owner === 'ReplicaSet' ? rsName : p.owner === 'Node' ? p.node.name : p.workload;
  const podIP = `10.244.${p.node.podCidrIndex}.${(hash32(name) % 250) + 2}`;
  const ready = (t: string) => ({ type: t, status: 'True', lastTransitionTime: started });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: p.namespace,
      uid: '',
      creationTimestamp: started,
      labels: {
        'app.kubernetes.io/name': p.workload,
        'app.kubernetes.io/instance': p.workload,
        ...(p.owner === 'ReplicaSet' ? { 'pod-template-hash': rsHash(p) } : {}),
        ...p.labels,
      },
      ownerReferences: [{ apiVersion: p.owner === 'Node' ? 'v1' : 'apps/v1', kind: p.owner, name: ownerName, uid: sha256(`owner:${ownerName}`).slice(0, 36), controller: true, ...(p.owner === 'Node' ? {} : { blockOwnerDeletion: true }) }],
    },
    spec: {
      nodeName: p.node.name,
      containers: [{ name: p.workload, image: p.image, resources: { requests, ...(p.memoryLimitMiB ? { limits } : {}) } }],
      restartPolicy: 'Always',
      serviceAccountName: p.owner === 'Node' ? 'default' : p.workload,
      schedulerName: 'default-scheduler',
      terminationGracePeriodSeconds: 30,
    },
    status: {
      phase: 'Running',
      conditions: [ready('PodReadyToStartContainers'), ready('Initialized'), ready('Ready'), ready('ContainersReady'), ready('PodScheduled')],
      hostIP: p.node.ip,
      podIP: p.owner === 'Node' ? p.node.ip : podIP,
      podIPs: [{ ip: p.owner === 'Node' ? p.node.ip : podIP }],
      startTime: started,
      qosClass: 'Burstable',
      containerStatuses: [
        {
          name: p.workload,
          image: p.image,
          imageID: imageId(p.image),
          containerID: `containerd://${sha256(`ctr:${name}:${p.restartCount}`)}`,
          ready: true,
          started: true,
          restartCount: p.restartCount,
          state: { running: { startedAt: p.restartCount > 0 ? isoAgo(Math.min(p.ageMs, (hash32(name) % 600) * 60_000)) : started } },
          lastState: p.restartCount > 0 ? { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: started, finishedAt: started, containerID: `containerd://${sha256(`ctr:${name}:${p.restartCount - 1}`)}` } } : {},
        },
      ],
    },
  };
}

export interface EventInput {
  namespace: string;
  involved: { kind: string; name: string; uid: string; apiVersion: string; fieldPath?: string };
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  host?: string;
  count?: number;
  component?: string;
  firstMsAgo?: number;
}

export function buildEvent(e: EventInput, seq: number): KubeObject {
  const now = isoAgo(0);
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${e.involved.name}.${sha256(`${e.involved.name}:${e.reason}:${seq}`).slice(0, 16)}`, namespace: e.namespace, uid: '', creationTimestamp: now },
    involvedObject: { ...e.involved, namespace: e.involved.kind === 'Node' ? undefined : e.namespace },
    reason: e.reason,
    message: e.message,
    source: { component: e.component ?? 'kubelet', ...(e.host ? { host: e.host } : {}) },
    firstTimestamp: e.firstMsAgo ? isoAgo(e.firstMsAgo) : now,
    lastTimestamp: now,
    count: e.count ?? 1,
    type: e.type,
    eventTime: null,
    reportingComponent: e.component ?? 'kubelet',
    reportingInstance: e.host ?? '',
  };
}

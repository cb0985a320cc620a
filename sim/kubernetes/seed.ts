// Fills a cluster's store from the catalogue: Talos nodes, namespaces, one pod per Deployment replica
// of every service the cluster's overlay deploys, the system pods every cluster runs, and a few events.
import type { Catalogue, CatalogueCluster } from './catalogue';
import { servicesOn } from './catalogue';
import { buildEvent, buildNamespace, buildNode, buildPod, type EventInput, type PodObject, type PodSpecInput } from './objects';
import type { KubeStore } from './store';
import { ARGOCD_WORKLOADS, CONTROL_PLANE_COMPONENTS, systemImage } from './system';
import { DAY, hash32 } from './util';

export const T = { nodes: 'v1/nodes', namespaces: 'v1/namespaces', pods: 'v1/pods', events: 'v1/events' } as const;

export interface NodeSlot {
  name: string;
  ip: string;
  podCidrIndex: number;
  cp: boolean;
  worker: boolean;
}

export interface SeedResult {
  nodes: NodeSlot[];
  /** Boot time of the cluster (ms since epoch): ages are relative to it. */
  bootMs: number;
}

/** DEV runs the PROD manifests with reduced resources (architecture §3.1). */
function memoryFor(cluster: string, memoryMiB: number): { request: number; limit: number } {
  return cluster === 'dev' ? { request: Math.max(32, memoryMiB / 4), limit: memoryMiB / 2 } : { request: memoryMiB, limit: memoryMiB };
}

/** A few services restart now and then: deterministic, so the same pods look flaky on every start. */
export function initialRestarts(cluster: string, workload: string): number {
  const h = hash32(`${cluster}:${workload}`);
  return h % 7 === 0 ? (h % 5) + 1 : 0;
}

export function seedCluster(store: KubeStore, catalogue: Catalogue, cluster: CatalogueCluster): SeedResult {
  const bootMs = ((hash32(cluster.name) % 20) + 3) * DAY;
  const nodes: NodeSlot[] = cluster.nodes.map((n, i) => {
    const obj = store.create(T.nodes, buildNode(cluster, n, i, bootMs));
    const ip = (obj.status.addresses.find((a) => a.type === 'InternalIP') ?? { address: '10.0.0.1' }).address;
    return { name: n.name, ip, podCidrIndex: i, cp: n.role.includes('control-plane'), worker: n.role.includes('worker') };
  });
  const workers = nodes.filter((n) => n.worker).length > 0 ? nodes.filter((n) => n.worker) : nodes;
  const cps = nodes.filter((n) => n.cp);

  const namespaces = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);
  const pods: PodSpecInput[] = [];
  const add = (p: Omit<PodSpecInput, 'restartCount' | 'ageMs'> & Partial<Pick<PodSpecInput, 'restartCount' | 'ageMs'>>) => {
    namespaces.add(p.namespace);
    pods.push({ restartCount: initialRestarts(cluster.name, `${p.workload}:${p.instance}`), ageMs: bootMs - (hash32(p.workload) % 3) * 3_600_000, ...p });
  };

  // System: Cilium on every node, control-plane static pods, CoreDNS.
  for (const n of nodes) add({ namespace: 'kube-system', workload: 'cilium', owner: 'DaemonSet', instance: '0', node: n, image: systemImage('cilium'), memoryRequestMiB: 128, restartCount: 0 });
  for (const n of cps) {
    for (const c of CONTROL_PLANE_COMPONENTS) add({ namespace: 'kube-system', workload: c, owner: 'Node', instance: '0', node: n, image: `registry.k8s.io/${c}:${cluster.running.kubeletVersion}`, memoryRequestMiB: c === 'kube-apiserver' ? 512 : 64, restartCount: 0 });
  }
  add({ namespace: 'kube-system', workload: 'cilium-operator', owner: 'ReplicaSet', instance: '0', node: nodes[0], image: systemImage('cilium-operator'), memoryRequestMiB: 64 });
  for (let i = 0; i < 2; i++) add({ namespace: 'kube-system', workload: 'coredns', owner: 'ReplicaSet', instance: String(i), node: nodes[i % nodes.length], image: systemImage('coredns'), memoryRequestMiB: 70, memoryLimitMiB: 170, restartCount: 0 });

  for (const inf of catalogue.infra) {
    if (!inf.clusters.includes(cluster.name) || inf.name === 'cilium') continue;
    add({ namespace: inf.namespace, workload: inf.name, owner: 'ReplicaSet', instance: '0', node: workers[hash32(inf.name) % workers.length], image: systemImage(inf.name), memoryRequestMiB: 64 });
  }
  if (catalogue.argocdCluster === cluster.name) {
    for (const w of ARGOCD_WORKLOADS) add({ namespace: 'argocd', workload: w.name, owner: w.owner, instance: '0', node: workers[hash32(w.name) % workers.length], image: w.image, memoryRequestMiB: w.memoryMiB });
  }

  // Homelab services: one Deployment replica each (DEV runs reduced replicas; the others run one
  // replica too, as most of these apps keep state on a single volume).
  for (const { svc, tag } of servicesOn(catalogue, cluster.name)) {
    const mem = memoryFor(cluster.name, svc.memoryMiB);
    add({
      namespace: svc.namespace,
      workload: svc.name,
      owner: 'ReplicaSet',
      instance: '0',
      node: workers[hash32(svc.name) % workers.length],
      image: `${svc.image}:${tag}`,
      memoryRequestMiB: Math.round(mem.request),
      memoryLimitMiB: Math.round(mem.limit),
      cpuRequestMilli: 100,
      labels: { 'app.kubernetes.io/part-of': 'homelab', 'app.kubernetes.io/component': 'server' },
    });
  }

  for (const ns of [...namespaces].sort()) store.create(T.namespaces, buildNamespace(ns, bootMs + 30 * DAY));
  let seq = 0;
  for (const spec of pods) {
    const pod = store.create(T.pods, buildPod(spec));
    for (const ev of podEvents(pod, spec)) store.create(T.events, buildEvent(ev, seq++));
  }
  // The store's history starts after the seed, as if etcd had been compacted since the cluster booted.
  store.compactAll();
  return { nodes, bootMs };
}

function podEvents(pod: PodObject, spec: PodSpecInput): EventInput[] {
  const involved = { kind: 'Pod', name: pod.metadata.name, uid: pod.metadata.uid, apiVersion: 'v1', fieldPath: `spec.containers{${spec.workload}}` };
  if (spec.restartCount > 0) {
    return [
      { namespace: spec.namespace, involved, type: 'Warning', reason: 'BackOff', message: `Back-off restarting failed container ${spec.workload} in pod ${pod.metadata.name}_${spec.namespace}(${pod.metadata.uid})`, host: spec.node.name, count: spec.restartCount * 3, firstMsAgo: 6 * 3_600_000 },
      { namespace: spec.namespace, involved, type: 'Normal', reason: 'Pulled', message: `Container image "${spec.image}" already present on machine`, host: spec.node.name, count: spec.restartCount },
    ];
  }
  return [];
}

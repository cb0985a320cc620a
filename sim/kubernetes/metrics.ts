// metrics.k8s.io/v1beta1, computed on each request like metrics-server serves its in-memory scrape:
// no store, no resourceVersion, no watch. Usage is a plausible share of each pod's memory request,
// drifting slowly (a few minutes' period) when drift is on; a NotReady node cannot be scraped.
import type { NodeObject, PodObject } from './objects';
import { T } from './seed';
import type { KubeStore } from './store';
import { hash32, isoNow } from './util';

const MI = 1024 * 1024;

function parseMemMiB(q: string | undefined): number | undefined {
  if (!q) return undefined;
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi)?$/.exec(q);
  if (!m) return undefined;
  const v = Number(m[1]);
  return m[2] === 'Gi' ? v * 1024 : m[2] === 'Ki' ? v / 1024 : m[2] === 'Mi' ? v : v / MI;
}

function wave(seed: number, nowMs: number, drift: boolean): number {
  if (!drift) return 1;
  const phase = (seed % 1000) / 159; // radians
  const period = 120_000 + (seed % 240_000); // 2-6 minutes
  return 1 + 0.12 * Math.sin((nowMs / period) * 2 * Math.PI + phase) + 0.03 * Math.sin(nowMs / 7_000 + phase * 3);
}

function podUsage(pod: PodObject, nowMs: number, drift: boolean): { cpuNano: number; memBytes: number }[] {
  return pod.spec.containers.map((c, i) => {
    const cs = pod.status.containerStatuses[i];
    const seed = hash32(`${pod.metadata.namespace}/${pod.metadata.name}/${c.name}`);
    if (cs?.state.waiting) return { cpuNano: 1_000_000, memBytes: 4 * MI }; // crash-looping: barely alive
    const request = parseMemMiB(c.resources.requests?.memory) ?? 64;
    const share = 0.35 + (seed % 50) / 100; // 35-85% of the request
    const memBytes = Math.round(request * share * wave(seed, nowMs, drift) * MI);
    const cpuNano = Math.round(((seed % 60) + 3) * 1_000_000 * wave(seed >>> 3, nowMs, drift));
    return { cpuNano, memBytes };
  });
}

const ki = (bytes: number) => `${Math.round(bytes / 1024)}Ki`;
const nano = (n: number) => `${Math.max(0, Math.round(n))}n`;

function unscrapable(store: KubeStore): Set<string> {
  const out = new Set<string>();
  for (const n of store.list<NodeObject>(T.nodes)) {
    if (n.status.conditions.find((c) => c.type === 'Ready')?.status !== 'True') out.add(n.metadata.name);
  }
  return out;
}

export function podMetrics(store: KubeStore, drift: boolean, namespace?: string): Record<string, unknown>[] {
  const now = Date.now();
  const down = unscrapable(store);
  const ts = isoNow();
  const out: Record<string, unknown>[] = [];
  for (const pod of store.list<PodObject>(T.pods, namespace)) {
    if (down.has(pod.spec.nodeName)) continue;
    const usage = podUsage(pod, now, drift);
    out.push({
      kind: 'PodMetrics',
      apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, creationTimestamp: ts, labels: pod.metadata.labels },
      timestamp: ts,
      window: '18.533s',
      containers: pod.spec.containers.map((c, i) => ({ name: c.name, usage: { cpu: nano(usage[i].cpuNano), memory: ki(usage[i].memBytes) } })),
    });
  }
  return out;
}

export function nodeMetrics(store: KubeStore, drift: boolean): Record<string, unknown>[] {
  const now = Date.now();
  const down = unscrapable(store);
  const perNode = new Map<string, { cpuNano: number; memBytes: number }>();
  for (const pod of store.list<PodObject>(T.pods)) {
    const acc = perNode.get(pod.spec.nodeName) ?? { cpuNano: 0, memBytes: 0 };
    for (const u of podUsage(pod, now, drift)) {
      acc.cpuNano += u.cpuNano;
      acc.memBytes += u.memBytes;
    }
    perNode.set(pod.spec.nodeName, acc);
  }
  const ts = isoNow();
  return store
    .list<NodeObject>(T.nodes)
    .filter((n) => !down.has(n.metadata.name))
    .map((n) => {
      const seed = hash32(n.metadata.name);
      const pods = perNode.get(n.metadata.name) ?? { cpuNano: 0, memBytes: 0 };
      // Talos itself (machined, containerd, kubelet) plus page cache the kernel counts as working set.
      const sysMem = (350 + (seed % 200)) * MI * wave(seed, now, drift);
      const sysCpu = (80 + (seed % 60)) * 1_000_000 * wave(seed >>> 2, now, drift);
      return {
        kind: 'NodeMetrics',
        apiVersion: 'metrics.k8s.io/v1beta1',
        metadata: { name: n.metadata.name, creationTimestamp: ts, labels: n.metadata.labels },
        timestamp: ts,
        window: '20.022s',
        usage: { cpu: nano(pods.cpuNano + sysCpu), memory: ki(pods.memBytes + sysMem) },
      };
    });
}

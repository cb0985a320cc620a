// Reducers of the live store: watch events and relists → in-memory state, and the summaries the
// pages read. They mutate the Map they are given (thousands of pods per cluster: no copies) and
// return what changed, so the store knows what to publish and what to write to the database.
import type { AppDto, ClusterSummary, Freshness, NodeDto, PodLite, PodSummary, WarningEventDto, ClusterVersions } from './types';

export type WatchType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface Change<T> {
  key: string;
  prev: T | undefined;
  next: T | undefined;
}

/** One watch event. Returns null when it changes nothing the dashboard shows. */
export function applyEvent<T>(map: Map<string, T>, type: WatchType, key: string, item: T, same: (a: T, b: T) => boolean): Change<T> | null {
  const prev = map.get(key);
  if (type === 'DELETED') {
    if (!prev) return null;
    map.delete(key);
    return { key, prev, next: undefined };
  }
  map.set(key, item);
  if (prev && same(prev, item)) return null;
  return { key, prev, next: item };
}

/** A full relist (start, or after 410 Gone): replaces the map, returns every difference. */
export function replaceAll<T>(map: Map<string, T>, items: [string, T][], same: (a: T, b: T) => boolean): Change<T>[] {
  const changes: Change<T>[] = [];
  const seen = new Set<string>();
  for (const [key, item] of items) {
    seen.add(key);
    const prev = map.get(key);
    map.set(key, item);
    if (!prev || !same(prev, item)) changes.push({ key, prev, next: item });
  }
  for (const [key, prev] of map) {
    if (!seen.has(key)) {
      map.delete(key);
      changes.push({ key, prev, next: undefined });
    }
  }
  return changes;
}

export const sameNode = (a: NodeDto, b: NodeDto) =>
  a.ready === b.ready && a.kubeletVersion === b.kubeletVersion && a.osVersion === b.osVersion && a.cpuAllocatableMilli === b.cpuAllocatableMilli && a.memAllocatableBytes === b.memAllocatableBytes && a.roles.join() === b.roles.join();

export const samePod = (a: PodLite, b: PodLite) =>
  a.ready === b.ready && a.phase === b.phase && a.restarts === b.restarts && a.reason === b.reason && a.node === b.node && a.memRequestBytes === b.memRequestBytes && a.cpuRequestMilli === b.cpuRequestMilli;

export const sameApp = (a: AppDto, b: AppDto) =>
  a.sync === b.sync && a.health === b.health && a.revision === b.revision && a.images.join() === b.images.join() && a.meta.url === b.meta.url && a.meta.displayName === b.meta.displayName && a.meta.audience === b.meta.audience && a.meta.icon === b.meta.icon;

/** A health or sync transition worth recording (not a mere revision or image change). */
export function appTransition(prev: AppDto | undefined, next: AppDto | undefined): boolean {
  if (!next) return false;
  return !prev || prev.health !== next.health || prev.sync !== next.sync;
}

/** Keeps the health start time across events that do not change the health. */
export function carryHealthSince<T extends AppDto>(prev: T | undefined, next: T, now: number): T {
  if (next.healthSince !== null) return next;
  const since = prev && prev.health === next.health ? prev.healthSince : now;
  return { ...next, healthSince: since };
}

export function summarisePods(pods: Iterable<PodLite>, listMax = 20): PodSummary {
  const s: PodSummary = { total: 0, notReady: 0, restarts: 0, memRequestBytes: 0, cpuRequestMilli: 0, notReadyPods: [] };
  for (const p of pods) {
    s.total++;
    s.restarts += p.restarts;
    // Finished pods (Jobs) hold no resources and are not "not ready".
    if (p.phase === 'Succeeded' || p.phase === 'Failed') continue;
    s.memRequestBytes += p.memRequestBytes;
    s.cpuRequestMilli += p.cpuRequestMilli;
    if (!p.ready) {
      s.notReady++;
      if (s.notReadyPods.length < listMax) s.notReadyPods.push({ namespace: p.namespace, name: p.name, reason: p.reason, restarts: p.restarts });
    }
  }
  return s;
}

export function countApps(apps: Iterable<AppDto>): ClusterSummary['apps'] {
  const c = { total: 0, healthy: 0, outOfSync: 0, degraded: 0 };
  for (const a of apps) {
    c.total++;
    if (a.health === 'Healthy') c.healthy++;
    if (a.health === 'Degraded' || a.health === 'Missing') c.degraded++;
    if (a.sync === 'OutOfSync') c.outOfSync++;
  }
  return c;
}

/** Running versions: the most common kubelet and OS version among the nodes (an upgrade shows both in the detail). */
export function clusterVersions(nodes: Iterable<NodeDto>): ClusterVersions {
  const count = (vals: string[]) => {
    const m = new Map<string, number>();
    for (const v of vals) if (v) m.set(v, (m.get(v) ?? 0) + 1);
    return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
  };
  const list = [...nodes];
  return { kubernetes: count(list.map((n) => n.kubeletVersion)), talos: count(list.map((n) => n.osVersion)) };
}

export interface ClusterCore {
  name: string;
  displayName: string;
  omniUrl: string | null;
  freshness: Freshness;
  metricsAt: number | null;
  nodes: Map<string, NodeDto>;
  pods: Map<string, PodLite>;
  warnings: WarningEventDto[];
}

export function summariseCluster(c: ClusterCore, apps: Iterable<AppDto>, pods: PodSummary = summarisePods(c.pods.values(), 0)): ClusterSummary {
  let ready = 0;
  let cpuAlloc = 0;
  let memAlloc = 0;
  let cpuUsed: number | null = null;
  let memUsed: number | null = null;
  for (const n of c.nodes.values()) {
    if (n.ready) ready++;
    cpuAlloc += n.cpuAllocatableMilli;
    memAlloc += n.memAllocatableBytes;
    if (n.cpuUsedMilli !== null) cpuUsed = (cpuUsed ?? 0) + n.cpuUsedMilli;
    if (n.memUsedBytes !== null) memUsed = (memUsed ?? 0) + n.memUsedBytes;
  }
  const { notReadyPods: _omit, ...podCounts } = pods;
  return {
    name: c.name,
    displayName: c.displayName,
    omniUrl: c.omniUrl,
    freshness: c.freshness,
    metricsAt: c.metricsAt,
    versions: clusterVersions(c.nodes.values()),
    nodesReady: ready,
    nodesTotal: c.nodes.size,
    cpuAllocatableMilli: cpuAlloc,
    cpuUsedMilli: cpuUsed,
    memAllocatableBytes: memAlloc,
    memUsedBytes: memUsed,
    pods: podCounts,
    apps: countApps(apps),
  };
}

/** Node usage from metrics.k8s.io, merged into the nodes (unknown nodes ignored). */
export function applyNodeMetrics(nodes: Map<string, NodeDto>, usage: Map<string, { cpuMilli: number; memBytes: number }>): void {
  for (const [name, n] of nodes) {
    const u = usage.get(name);
    nodes.set(name, { ...n, cpuUsedMilli: u ? u.cpuMilli : null, memUsedBytes: u ? u.memBytes : null });
  }
}

import 'server-only';
import { markFailure, markSuccess, UNKNOWN } from '@/lib/live/freshness';
import { applyEvent, applyNodeMetrics, carryHealthSince, replaceAll, sameApp, sameNode, samePod, appTransition, type ClusterCore } from '@/lib/live/reduce';
import { routeKey, sameRoute, type LiveApp, type RouteMeta } from '@/lib/live/route-meta';
import type { AppSink, ClusterSink } from '../clients/kubernetes/cluster-source';
import type { UpstreamError } from '../errors';
import type { HistoryWriter } from './history';
import { log } from '../log';
import type { Publisher } from './publisher';

/**
 * The most nodes and pods the store keeps per cluster (issue 15): far above a homelab (the 20 × 400
 * × 50 benchmark has ~600 pods per cluster), a bound on memory if a cluster runs away (a CronJob
 * leaving thousands of pods). Past it, new objects are not kept and a warning says so once.
 */
export const MAX_NODES_PER_CLUSTER = 2_000;
export const MAX_PODS_PER_CLUSTER = 20_000;

// The sinks that turn one cluster's upstream events into store state (through the pure reducers in
// lib/live), freshness, database history and bus events.

export interface LiveCluster extends ClusterCore {
  /** Parts currently failing ('nodes', 'pods', 'metrics'); reachable when empty. */
  failing: Set<string>;
  /** Homepage-annotated Ingresses and HTTPRoutes, by `Kind/namespace/name`. */
  routes: Map<string, RouteMeta>;
}

export function newCluster(name: string, displayName: string, omniUrl: string | null): LiveCluster {
  return { name, displayName, omniUrl, freshness: UNKNOWN, metricsAt: null, nodes: new Map(), pods: new Map(), warnings: [], failing: new Set(), routes: new Map() };
}

export interface FeedHooks {
  publisher: Publisher;
  history: HistoryWriter | null;
  changed(): void;
  clusterEvent(c: LiveCluster): void;
  now?: () => number;
}

export function clusterSink(c: LiveCluster, h: FeedHooks, bounds = { nodes: MAX_NODES_PER_CLUSTER, pods: MAX_PODS_PER_CLUSTER }): ClusterSink {
  const now = h.now ?? Date.now;
  const warned = new Set<string>();
  const over = (what: 'nodes' | 'pods', size: number) => {
    if (size < bounds[what]) return false;
    if (!warned.has(what)) log.warn({ cluster: c.name, what, bound: bounds[what] }, 'cluster has more objects than the live store keeps; the rest are left out');
    warned.add(what);
    return true;
  };
  const touched = () => {
    h.changed();
    h.clusterEvent(c);
  };
  const announce = (reason: string | null) => {
    h.history?.reachability(c.name, c.freshness.reachable, reason);
    h.publisher.now('freshness', { source: `cluster:${c.name}`, reachable: c.freshness.reachable, lastSuccess: c.freshness.lastSuccess, at: now() });
    touched();
  };
  return {
    nodes(items) {
      const keep = (n: (typeof items)[number]) => {
        const p = c.nodes.get(n.name);
        return p ? { ...n, cpuUsedMilli: p.cpuUsedMilli, memUsedBytes: p.memUsedBytes } : n;
      };
      const kept = items.length > bounds.nodes && over('nodes', items.length) ? items.slice(0, bounds.nodes) : items;
      if (replaceAll(c.nodes, kept.map((n) => [n.name, keep(n)]), sameNode).length) touched();
    },
    node(type, n) {
      const prev = c.nodes.get(n.name);
      if (!prev && type !== 'DELETED' && over('nodes', c.nodes.size)) return;
      // Keep the usage figures of the last metrics poll on a node update.
      const next = prev ? { ...n, cpuUsedMilli: prev.cpuUsedMilli, memUsedBytes: prev.memUsedBytes } : n;
      if (applyEvent(c.nodes, type, n.name, next, sameNode)) touched();
    },
    pods(items) {
      const kept = items.length > bounds.pods && over('pods', items.length) ? items.slice(0, bounds.pods) : items;
      if (replaceAll(c.pods, kept.map((p) => [p.key, p]), samePod).length) touched();
    },
    pod(type, p) {
      if (type !== 'DELETED' && !c.pods.has(p.key) && over('pods', c.pods.size)) return;
      if (applyEvent(c.pods, type, p.key, p, samePod)) touched();
    },
    metrics(usage) {
      applyNodeMetrics(c.nodes, usage);
      c.metricsAt = now();
      touched();
    },
    warnings(list) {
      c.warnings = list;
      h.changed();
    },
    healthy(part) {
      c.failing.delete(part);
      if (c.failing.size > 0) return;
      const was = c.freshness.reachable;
      c.freshness = markSuccess(c.freshness, now());
      if (!was) announce(null);
    },
    failed(part, e: UpstreamError) {
      // A cluster without metrics-server answers 404: that's not the cluster being down.
      if (part === 'metrics' && e.status !== undefined && e.status < 500) return;
      c.failing.add(part);
      const first = c.freshness.lastSuccess === null && c.freshness.lastError === null;
      const was = c.freshness.reachable;
      c.freshness = markFailure(c.freshness, e.message, now());
      if (was || first) announce(e.message);
    },
    ...routeSink(c, h),
  };
}

/** The most Homepage-annotated routes kept per cluster: a homelab has tens. */
export const MAX_ROUTES_PER_CLUSTER = 2_000;

function routeSink(c: LiveCluster, h: FeedHooks): Pick<ClusterSink, 'routes' | 'route' | 'routesFailed'> {
  const logged = new Map<string, number | undefined>();
  const changed = () => {
    h.changed();
    h.publisher.soon('apps', 'app', () => ({ relisted: true, routes: c.routes.size }));
  };
  return {
    routes(kind, items) {
      logged.delete(kind);
      const others = [...c.routes].filter(([, r]) => r.kind !== kind);
      const mine = items.slice(0, MAX_ROUTES_PER_CLUSTER).map((r) => [routeKey(r), r] as [string, RouteMeta]);
      // replaceAll over the whole map would drop the other kind's routes: put them back first.
      if (replaceAll(c.routes, [...others, ...mine], sameRoute).length) changed();
    },
    route(kind, key, r) {
      if (r && !c.routes.has(key) && c.routes.size >= MAX_ROUTES_PER_CLUSTER) return;
      if (applyEvent(c.routes, r ? 'MODIFIED' : 'DELETED', key, r as RouteMeta, sameRoute)) changed();
    },
    routesFailed(kind, e) {
      // No Gateway API CRDs on this cluster (404): nothing to read, said once at info level.
      if (e.status === 404 && [...c.routes.values()].some((r) => r.kind === kind)) this.routes(kind, []);
      if (logged.has(kind) && logged.get(kind) === e.status) return;
      logged.set(kind, e.status);
      if (e.status === 404) log.info({ cluster: c.name, kind }, `no ${kind} API on this cluster: its Homepage annotations are not read`);
      else log.warn({ cluster: c.name, kind, err: e.message }, `could not read the ${kind} objects (their Homepage annotations); the cluster's other data is unaffected`);
    },
  };
}

export interface AppsState {
  apps: Map<string, LiveApp>;
  freshness: typeof UNKNOWN;
}

const appKey = (a: LiveApp) => `${a.appNamespace}/${a.name}`;

export function appSink(s: AppsState, h: FeedHooks): AppSink {
  const now = h.now ?? Date.now;
  const seen = (prev: LiveApp | undefined, next: LiveApp) => {
    if (appTransition(prev, next)) h.history?.app(prev, next, now());
  };
  return {
    apps(items) {
      const prevs = new Map(s.apps);
      const withSince = items.map((a) => carryHealthSince(prevs.get(appKey(a)), a, now()));
      const changes = replaceAll(s.apps, withSince.map((a) => [appKey(a), a]), sameApp);
      for (const ch of changes) if (ch.next) seen(ch.prev, ch.next);
      if (changes.length) {
        h.changed();
        h.publisher.soon('apps', 'app', () => ({ relisted: true, count: s.apps.size }));
      }
    },
    app(type, a) {
      const prev = s.apps.get(appKey(a));
      const next = carryHealthSince(prev, a, now());
      const ch = applyEvent(s.apps, type, appKey(a), next, sameApp);
      if (!ch) return;
      if (ch.next) seen(ch.prev, ch.next);
      h.changed();
      h.publisher.now('app', { name: a.name, cluster: a.cluster, sync: a.sync, health: a.health, deleted: type === 'DELETED' });
    },
    healthy() {
      const was = s.freshness.reachable;
      s.freshness = markSuccess(s.freshness, now());
      if (!was) {
        h.changed();
        h.publisher.now('freshness', { source: 'apps', reachable: true, at: now() });
      }
    },
    failed(e) {
      const was = s.freshness.reachable || s.freshness.lastSuccess === null;
      s.freshness = markFailure(s.freshness, e.message, now());
      if (was) {
        h.changed();
        h.publisher.now('freshness', { source: 'apps', reachable: false, lastSuccess: s.freshness.lastSuccess, at: now() });
      }
    },
  };
}

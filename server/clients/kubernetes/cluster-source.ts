import 'server-only';
import { CoreV1Api, CustomObjectsApi, NetworkingV1Api, type CoreV1Event, type KubeConfig, type V1Node, type V1Pod } from '@kubernetes/client-node';
import { routeKey, type LiveApp, type RouteMeta } from '@/lib/live/route-meta';
import type { NodeDto, PodLite, WarningEventDto } from '@/lib/live/types';
import type { UpstreamError } from '../../errors';
import { upstreamTimeoutMs } from '../upstream';
import { kubeCall, kubeError } from './errors';
import { ListWatch, type ListWatchOptions, type WatchEventType } from './list-watch';
import { reshapeApp, reshapeNode, reshapeNodeMetrics, reshapePod, reshapeWarning } from './reshape';
import { rawRouteKey, reshapeHttpRoute, reshapeIngress } from './reshape-routes';

// Everything the dashboard reads from one cluster: Nodes and Pods watched, Argo CD Applications
// watched on the Argo CD cluster, metrics.k8s.io and recent Warning events polled every 15 s.
// Emits our DTOs to a sink; knows nothing of the store.

export interface ClusterSink {
  nodes(items: NodeDto[]): void;
  node(type: WatchEventType, n: NodeDto): void;
  pods(items: PodLite[]): void;
  pod(type: WatchEventType, p: PodLite): void;
  metrics(usage: Map<string, { cpuMilli: number; memBytes: number }>): void;
  warnings(list: WarningEventDto[]): void;
  /** One part of the cluster answered or failed ('nodes', 'pods', 'metrics', 'apps'). */
  healthy(part: string): void;
  failed(part: string, e: UpstreamError): void;
  /** Homepage-annotated routes of one kind: the full list, then one change (null: gone or no longer annotated). */
  routes(kind: RouteMeta['kind'], items: RouteMeta[]): void;
  route(kind: RouteMeta['kind'], key: string, r: RouteMeta | null): void;
  /** Routes are extras: their failure never makes the cluster unreachable. */
  routesFailed(kind: RouteMeta['kind'], e: UpstreamError): void;
}

export interface AppSink {
  apps(items: LiveApp[]): void;
  app(type: WatchEventType, a: LiveApp): void;
  healthy(): void;
  failed(e: UpstreamError): void;
}

export interface SourceTuning {
  pollMs?: number;
  requestTimeoutMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  idleMs?: number;
  /** Retry period of a route watch whose API is absent (no Gateway API CRDs: 404) or forbidden (403). */
  routeRetryMs?: number;
}

export interface ClusterSource {
  watchers: ListWatch[];
  stop(): void;
}

const WARNINGS_KEPT = 20;

export function startClusterSource(name: string, kc: KubeConfig, sink: ClusterSink, t: SourceTuning = {}): ClusterSource {
  const core = kc.makeApiClient(CoreV1Api);
  const custom = kc.makeApiClient(CustomObjectsApi);
  const common = { cluster: name, kc, requestTimeoutMs: t.requestTimeoutMs, backoffBaseMs: t.backoffBaseMs, backoffMaxMs: t.backoffMaxMs, idleMs: t.idleMs };
  const nodes = new ListWatch({
    ...common,
    what: 'nodes',
    path: '/api/v1/nodes',
    list: (opts) => core.listNode({}, opts),
    onList: (items) => sink.nodes((items as V1Node[]).map(reshapeNode)),
    onEvent: (type, obj) => sink.node(type, reshapeNode(obj as V1Node)),
    onHealthy: () => {
      sink.healthy('nodes');
      recovered();
    },
    onFailure: (e) => sink.failed('nodes', e),
  }).start();
  const pods = new ListWatch({
    ...common,
    what: 'pods',
    path: '/api/v1/pods',
    list: (opts) => core.listPodForAllNamespaces({}, opts),
    onList: (items) => sink.pods((items as V1Pod[]).map(reshapePod)),
    onEvent: (type, obj) => sink.pod(type, reshapePod(obj as V1Pod)),
    onHealthy: () => sink.healthy('pods'),
    onFailure: (e) => sink.failed('pods', e),
  }).start();

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let polling = false;
  let metricsFailed = false;
  const timeout = t.requestTimeoutMs ?? upstreamTimeoutMs();
  const poll = async () => {
    if (polling) return;
    polling = true;
    clearTimeout(timer);
    try {
      const raw = await kubeCall(name, 'node metrics', timeout, (opts) => custom.listClusterCustomObject({ group: 'metrics.k8s.io', version: 'v1beta1', plural: 'nodes' }, opts));
      sink.metrics(reshapeNodeMetrics(raw));
      sink.healthy('metrics');
      metricsFailed = false;
    } catch (e) {
      const err = kubeError(name, 'reading node metrics', e);
      metricsFailed = err.status === undefined || err.status >= 500;
      sink.failed('metrics', err);
    }
    try {
      const ev = await kubeCall(name, 'warning events', timeout, (opts) => core.listEventForAllNamespaces({ fieldSelector: 'type=Warning', limit: 200 }, opts));
      const list = (ev.items as CoreV1Event[]).map(reshapeWarning).sort((a, b) => b.at - a.at).slice(0, WARNINGS_KEPT);
      sink.warnings(list);
    } catch {
      // Events are a nice-to-have on the detail page; reachability is judged by the other calls.
    }
    polling = false;
    if (!stopped) timer = setTimeout(poll, t.pollMs ?? 15_000).unref();
  };
  // The API server answers again while the last metrics poll failed: poll now, so the cluster is not
  // held stale until the next period.
  const recovered = () => {
    if (metricsFailed && !polling && !stopped) void poll();
  };
  void poll();

  const routes = startRouteWatches(common, kc, sink, t.routeRetryMs ?? ROUTE_RETRY_MS);

  return {
    watchers: [nodes, pods, ...routes],
    stop() {
      stopped = true;
      clearTimeout(timer);
      nodes.stop();
      pods.stop();
      for (const r of routes) r.stop();
    },
  };
}

/** A cluster without the Gateway API (404) or a role without the verbs (403) is asked again this rarely. */
const ROUTE_RETRY_MS = 10 * 60_000;

type Common = Pick<ListWatchOptions, 'cluster' | 'kc' | 'requestTimeoutMs' | 'backoffBaseMs' | 'backoffMaxMs' | 'idleMs'>;

/** Ingresses and HTTPRoutes, all namespaces, for their Homepage annotations (docs/coming-from-homepage.md). */
function startRouteWatches(common: Common, kc: KubeConfig, sink: ClusterSink, retryMs: number): ListWatch[] {
  const net = kc.makeApiClient(NetworkingV1Api);
  const custom = kc.makeApiClient(CustomObjectsApi);
  const kinds: { kind: RouteMeta['kind']; what: string; path: string; list: ListWatchOptions['list']; reshape: (raw: unknown) => RouteMeta | null }[] = [
    { kind: 'Ingress', what: 'ingresses', path: '/apis/networking.k8s.io/v1/ingresses', list: (o) => net.listIngressForAllNamespaces({}, o), reshape: reshapeIngress },
    {
      kind: 'HTTPRoute',
      what: 'httproutes',
      path: '/apis/gateway.networking.k8s.io/v1/httproutes',
      list: (o) => custom.listClusterCustomObject({ group: 'gateway.networking.k8s.io', version: 'v1', plural: 'httproutes' }, o) as Promise<{ items: unknown[] }>,
      reshape: reshapeHttpRoute,
    },
  ];
  return kinds.map(({ kind, what, path, list, reshape }) =>
    new ListWatch({
      ...common,
      what,
      path,
      list,
      onList: (items) => sink.routes(kind, items.map(reshape).filter((r): r is RouteMeta => r !== null)),
      onEvent: (type, obj) => sink.route(kind, routeKey(rawRouteKey(kind, obj)), type === 'DELETED' ? null : reshape(obj)),
      onHealthy: () => undefined,
      onFailure: (e) => sink.routesFailed(kind, e),
      retryAfterMs: (e) => (e.status === 404 || e.status === 403 ? retryMs : undefined),
    }).start(),
  );
}

export function startAppSource(name: string, kc: KubeConfig, namespace: string, sink: AppSink, t: SourceTuning = {}): ListWatch {
  const custom = kc.makeApiClient(CustomObjectsApi);
  const g = { group: 'argoproj.io', version: 'v1alpha1', namespace, plural: 'applications' };
  return new ListWatch({
    cluster: name,
    kc,
    what: 'Argo CD applications',
    path: `/apis/argoproj.io/v1alpha1/namespaces/${encodeURIComponent(namespace)}/applications`,
    list: (opts) => custom.listNamespacedCustomObject(g, opts) as Promise<{ items: unknown[]; metadata?: { resourceVersion?: string } }>,
    onList: (items) => sink.apps(items.map((i) => reshapeApp(i, name))),
    onEvent: (type, obj) => sink.app(type, reshapeApp(obj, name)),
    onHealthy: () => sink.healthy(),
    onFailure: (e) => sink.failed(e),
    requestTimeoutMs: t.requestTimeoutMs,
    backoffBaseMs: t.backoffBaseMs,
    backoffMaxMs: t.backoffMaxMs,
    idleMs: t.idleMs,
  }).start();
}

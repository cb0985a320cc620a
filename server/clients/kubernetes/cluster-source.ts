import 'server-only';
import { CoreV1Api, CustomObjectsApi, type CoreV1Event, type KubeConfig, type V1Node, type V1Pod } from '@kubernetes/client-node';
import type { AppDto, NodeDto, PodLite, WarningEventDto } from '@/lib/live/types';
import type { UpstreamError } from '../../errors';
import { upstreamTimeoutMs } from '../upstream';
import { kubeCall, kubeError } from './errors';
import { ListWatch, type WatchEventType } from './list-watch';
import { reshapeApp, reshapeNode, reshapeNodeMetrics, reshapePod, reshapeWarning } from './reshape';

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
}

export interface AppSink {
  apps(items: AppDto[]): void;
  app(type: WatchEventType, a: AppDto): void;
  healthy(): void;
  failed(e: UpstreamError): void;
}

export interface SourceTuning {
  pollMs?: number;
  requestTimeoutMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  idleMs?: number;
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

  return {
    watchers: [nodes, pods],
    stop() {
      stopped = true;
      clearTimeout(timer);
      nodes.stop();
      pods.stop();
    },
  };
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

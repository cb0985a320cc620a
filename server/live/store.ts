import 'server-only';
import { markFailure, markSuccess, UNKNOWN } from '@/lib/live/freshness';
import { summariseCluster, summarisePods } from '@/lib/live/reduce';
import { routeForApp, tileAnnotations, type LiveApp, type RouteMeta } from '@/lib/live/route-meta';
import type { AppDto, ClusterDetail, ClusterSummary, Freshness, ProxmoxDto } from '@/lib/live/types';
import { startAppSource, startClusterSource, type ClusterSource, type SourceTuning } from '../clients/kubernetes/cluster-source';
import type { KubeConfigHandle } from '../clients/kubernetes/connect';
import type { ListWatch } from '../clients/kubernetes/list-watch';
import type { ProxmoxSnapshot } from '../clients/proxmox/read';
import { serviceMeta } from '../clients/kubernetes/reshape';
import { appSink, clusterSink, newCluster, type AppsState, type FeedHooks, type LiveCluster } from './cluster-feed';
import type { EventBus } from './events';
import type { HistoryWriter } from './history';
import { Publisher } from './publisher';

// The dashboard's in-memory state, fed by watches and polls, never by a request: pages and APIs
// read it in microseconds, whatever the upstreams are doing. One per process (server/live/index.ts);
// tests build their own against the simulator.

export interface LiveClusterSpec {
  name: string;
  displayName: string;
  omniUrl: string | null;
  kc: KubeConfigHandle;
}

export interface LiveStoreOptions {
  clusters: LiveClusterSpec[];
  argocd?: { cluster: string; namespace: string };
  proxmox?: { node: string; read(): Promise<ProxmoxSnapshot> };
  history: HistoryWriter | null;
  bus: EventBus;
  /** Number of browsers with the live stream open: Proxmox is polled faster while > 0. */
  viewers?: () => number;
  tuning?: SourceTuning & { proxmoxActiveMs?: number; proxmoxIdleMs?: number; coalesceMs?: number; staleAfterMs?: number };
}

export class LiveStore {
  readonly clusters = new Map<string, LiveCluster>();
  readonly appsState: AppsState = { apps: new Map<string, LiveApp>(), freshness: UNKNOWN };
  proxmox: ProxmoxDto;
  readonly publisher: Publisher;
  private sources: ClusterSource[] = [];
  private appWatch: ListWatch | null = null;
  private pveTimer: NodeJS.Timeout | undefined;
  private pveLast = 0;
  private pvePolling = false;
  private version = 0;
  private memo = new Map<string, { v: number; value: unknown }>();
  private started = false;

  constructor(readonly o: LiveStoreOptions) {
    this.publisher = new Publisher(o.bus, o.tuning?.coalesceMs ?? 200);
    for (const c of o.clusters) this.clusters.set(c.name, newCluster(c.name, c.displayName, c.omniUrl));
    this.proxmox = { configured: !!o.proxmox, node: o.proxmox?.node ?? '', memTotalBytes: null, memUsedBytes: null, cpu: null, vms: [], freshness: UNKNOWN };
  }

  start(): this {
    if (this.started) return this;
    this.started = true;
    const hooks: FeedHooks = {
      publisher: this.publisher,
      history: this.o.history,
      changed: () => this.version++,
      clusterEvent: (c) => this.publisher.soon(`cluster:${c.name}`, 'cluster', () => ({ name: c.name, reachable: c.freshness.reachable })),
    };
    for (const spec of this.o.clusters) {
      const c = this.clusters.get(spec.name) as LiveCluster;
      this.sources.push(startClusterSource(spec.name, spec.kc, clusterSink(c, hooks), this.o.tuning));
      if (this.o.argocd?.cluster === spec.name) {
        this.appWatch = startAppSource(spec.name, spec.kc, this.o.argocd.namespace, appSink(this.appsState, hooks), this.o.tuning);
      }
    }
    if (this.o.proxmox) void this.pollProxmox();
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sources) s.stop();
    this.appWatch?.stop();
    clearTimeout(this.pveTimer);
    this.publisher.stop();
    await this.o.history?.flush();
  }

  /** The watchers of a cluster (tests count lists and watches). */
  watchers(cluster: string): ListWatch[] {
    const i = this.o.clusters.findIndex((c) => c.name === cluster);
    return [...(this.sources[i]?.watchers ?? []), ...(this.o.argocd?.cluster === cluster && this.appWatch ? [this.appWatch] : [])];
  }

  /** A browser opened the live stream: Proxmox moves to the fast period now, not after a slow wait. */
  viewerArrived() {
    if (!this.o.proxmox || this.pvePolling || !this.started) return;
    clearTimeout(this.pveTimer);
    const wait = Math.max(0, this.pveLast + (this.o.tuning?.proxmoxActiveMs ?? 5_000) - Date.now());
    this.pveTimer = setTimeout(() => void this.pollProxmox(), wait).unref();
  }

  private async pollProxmox() {
    const pve = this.o.proxmox;
    if (!pve || this.pvePolling) return;
    clearTimeout(this.pveTimer);
    this.pvePolling = true;
    this.pveLast = Date.now();
    const was = this.proxmox.freshness.reachable;
    try {
      const s = await pve.read();
      this.proxmox = { ...this.proxmox, memTotalBytes: s.memTotalBytes, memUsedBytes: s.memUsedBytes, cpu: s.cpu, vms: s.vms, freshness: markSuccess(this.proxmox.freshness, Date.now()) };
      this.version++;
      this.publisher.soon('proxmox', 'proxmox', () => ({ reachable: true, running: this.proxmox.vms.filter((v) => v.running).map((v) => v.vmid) }));
    } catch (e) {
      this.proxmox = { ...this.proxmox, freshness: markFailure(this.proxmox.freshness, (e as Error).message, Date.now()) };
      this.version++;
      if (was || this.proxmox.freshness.lastSuccess === null) this.publisher.now('proxmox', { reachable: false });
    }
    this.pvePolling = false;
    if (!this.started) return;
    const fast = (this.o.viewers?.() ?? 0) > 0;
    this.pveTimer = setTimeout(() => void this.pollProxmox(), fast ? (this.o.tuning?.proxmoxActiveMs ?? 5_000) : (this.o.tuning?.proxmoxIdleMs ?? 60_000)).unref();
  }

  /**
   * Resolves once every source answered or failed once, or after `ms`: a page served right after
   * the server started waits briefly for the first data instead of showing empty cards.
   */
  async ready(ms = 1_500): Promise<void> {
    const seen = (f: Freshness) => f.lastSuccess !== null || f.lastError !== null;
    const done = () =>
      [...this.clusters.values()].every((c) => seen(c.freshness)) && (!this.o.argocd || seen(this.appsState.freshness)) && (!this.o.proxmox || seen(this.proxmox.freshness));
    const end = Date.now() + ms;
    while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  }

  // ---- reads (memoised per state version: a page load costs a Map lookup)

  private cached<T>(key: string, compute: () => T): T {
    const hit = this.memo.get(key);
    if (hit && hit.v === this.version) return hit.value as T;
    const value = compute();
    if (this.memo.size > 200) this.memo.clear();
    this.memo.set(key, { v: this.version, value });
    return value;
  }

  /** Freshness as the pages should see it: a source silent for too long is stale even without an error. */
  effective(f: Freshness, now = Date.now()): Freshness {
    const max = this.o.tuning?.staleAfterMs ?? 180_000;
    if (f.reachable && f.lastSuccess !== null && now - f.lastSuccess > max) return { ...f, reachable: false, lastError: 'no news from this source for a while' };
    return f;
  }

  /** The Applications, each with the Homepage annotations of its Ingress or HTTPRoute merged under its own. */
  appList(): AppDto[] {
    return this.cached('apps', () => {
      const live = [...this.appsState.apps.values()];
      const byCluster = new Map<string, LiveApp[]>();
      for (const a of live) {
        const list = byCluster.get(a.cluster);
        if (list) list.push(a);
        else byCluster.set(a.cluster, [a]);
      }
      const routes = new Map([...this.clusters].map(([name, c]) => [name, [...c.routes.values()]]));
      return live.map((a) => withRoute(a, routes.get(a.cluster) ?? [], byCluster.get(a.cluster) ?? [])).sort((a, b) => a.cluster.localeCompare(b.cluster) || a.name.localeCompare(b.name));
    });
  }

  appsFreshness(): Freshness {
    return this.effective(this.appsState.freshness);
  }

  private appsByCluster(): Map<string, AppDto[]> {
    return this.cached('appsByCluster', () => {
      const m = new Map<string, AppDto[]>();
      for (const a of this.appList()) {
        const list = m.get(a.cluster);
        if (list) list.push(a);
        else m.set(a.cluster, [a]);
      }
      return m;
    });
  }

  summaries(): ClusterSummary[] {
    const list = this.cached('summaries', () => [...this.clusters.values()].map((c) => summariseCluster(c, this.appsByCluster().get(c.name) ?? [])));
    return list.map((s) => ({ ...s, freshness: this.effective(s.freshness) }));
  }

  detail(name: string): ClusterDetail | null {
    const c = this.clusters.get(name);
    if (!c) return null;
    const d = this.cached(`detail:${name}`, () => {
      const pods = summarisePods(c.pods.values());
      const apps = this.appsByCluster().get(name) ?? [];
      return { ...summariseCluster(c, apps, pods), nodes: [...c.nodes.values()].sort((a, b) => a.name.localeCompare(b.name)), notReadyPods: pods.notReadyPods, warnings: c.warnings, appList: apps };
    });
    return { ...d, freshness: this.effective(d.freshness), appsFreshness: this.appsFreshness() };
  }

  proxmoxState(): ProxmoxDto {
    return { ...this.proxmox, freshness: this.o.proxmox ? this.effective(this.proxmox.freshness) : this.proxmox.freshness };
  }
}

function withRoute(a: LiveApp, routes: RouteMeta[], sameCluster: LiveApp[]): AppDto {
  const { tileAnnotations: own, ...dto } = a;
  const route = routes.length ? routeForApp(a, routes, sameCluster) : null;
  if (!route) return dto;
  return { ...dto, meta: serviceMeta(tileAnnotations(own, route), a.name, dto.meta.authTier ?? Number.NaN) };
}

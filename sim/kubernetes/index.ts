// Simulated Kubernetes API of one homelab cluster (one HTTP server per cluster), faithful enough for
// @kubernetes/client-node: bearer-token auth, discovery, nodes/namespaces/pods/events, metrics.k8s.io,
// and on the Argo CD cluster argoproj.io Applications; list + watch with resourceVersions, 410 Gone,
// bookmarks and timeouts. Knobs on the returned object let tests and the control API break things.
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { ArgoCdController, BadImages, startArgoCd, type ArgoOptions, type HealthStatus, type SyncStatus } from '../argocd';
import { Faults } from '../faults';
import { simTls, type ServerTls } from '../tls';
import type { SimServer } from '../types';
import { findCluster, SEED_CATALOGUE, type Catalogue } from './catalogue';
import { writeKubeconfig } from './kubeconfig';
import type { PodObject } from './objects';
import { ARGO_TYPES, CORE_TYPES, METRICS_TYPES, type ResourceType } from './resources';
import { seedCluster, T } from './seed';
import { createHandler, type Role, type ServerContext } from './server';
import { KubeStore } from './store';
import { KubeVirt, KUBEVIRT_TYPES, type KubeVirtSimOptions } from './kubevirt';
import { HTTPROUTES, INGRESSES, seedRoutes } from './ingress';
import type { WatchConn } from './watch';
import { Workloads } from './workloads';

export interface KubeSimOptions {
  /** Cluster name in the catalogue ("dev" | "prod" | "cloud" for the seed, "cluster-NN" in scale mode). */
  cluster: string;
  /** Defaults to the seeded homelab (SEED_CATALOGUE); pass scaleCatalogue(...) for scale mode. */
  catalogue?: Catalogue;
  /** Bearer token allowed every verb. */
  token: string;
  /** Bearer token allowed get/list/watch only (403 on anything else). */
  readOnlyToken?: string;
  faults?: Faults;
  /** Usage metrics drift over time and flaky pods restart now and then. Default false. */
  drift?: boolean;
  /** Period of the restart drift. Default 10 000 ms. */
  driftIntervalMs?: number;
  /** Where <cluster>.kubeconfig.yaml (and <cluster>-readonly.kubeconfig.yaml) are written. */
  kubeconfigDir: string;
  port?: number;
  /** Watch history window per resource type. Default 1000 events. */
  historyLimit?: number;
  /** BOOKMARK period on watches that allow them. Default 10 000 ms. */
  bookmarkIntervalMs?: number;
  /** Shared "bad version" registry (share one instance between all clusters). */
  badImages?: BadImages;
  /** Run Argo CD here (only on catalogue.argocdCluster). */
  argocd?: ArgoOptions;
  /** Serve kubevirt.io/v1 VirtualMachines/VirtualMachineInstances with this one VM (seeded Halted). */
  kubevirt?: KubeVirtSimOptions;
  /** Server certificate; default one signed by this cluster's own CA ("kubernetes-<cluster>", like Talos). */
  tls?: ServerTls;
}

export interface KubeSim extends SimServer {
  name: string;
  /** Context (and cluster entry) name in the kubeconfig: the cluster name. */
  context: string;
  kubeconfigPath: string;
  readOnlyKubeconfigPath?: string;
  /** PEM of the cluster CA (also in the kubeconfigs as certificate-authority-data). */
  ca: string;
  token: string;
  store: KubeStore;
  faults: Faults;
  badImages: BadImages;
  workloads: Workloads;
  /** Present on the Argo CD cluster. */
  argocd?: ArgoCdController;
  /** Present with the `kubevirt` option: the VM's controller and its knobs. */
  kubevirt?: KubeVirt;
  readonly reachable: boolean;
  /** Drops (or, graceful, ends) every open watch stream; returns how many. */
  cutWatches(opts?: { graceful?: boolean }): number;
  openWatches(): number;
  /** Forgets the watch history: resuming from any older resourceVersion gets 410 Gone. */
  expireHistory(): void;
  /** false = the cluster is powered off: connections reset, open watches dropped. */
  setReachable(up: boolean): void;
  setDrift(on: boolean): void;
  /** Deletes a pod; its controller recreates it (new name for Deployment/DaemonSet pods). */
  killPod(namespace: string, name: string): string;
  /** Restarts the pod's container (restartCount + 1, BackOff event). */
  restartPod(namespace: string, name: string): void;
  setNodeReady(name: string, ready: boolean): void;
  markBadImage(ref: string, bad?: boolean): void;
  /** Argo CD cluster only. */
  setAppStatus(name: string, s: { health?: HealthStatus; sync?: SyncStatus; message?: string }): void;
  /** Rolls a Deployment's pods to `image` (what an Argo CD sync does on this cluster). */
  rollout(namespace: string, workload: string, image: string, bad: boolean): string[];
  /** Applies a VirtualMachine's runStrategy (what an Argo CD sync of its manifest does); needs `kubevirt`. */
  runStrategy(namespace: string, name: string, strategy: string): void;
}

export async function startKubeSim(opts: KubeSimOptions): Promise<KubeSim> {
  const catalogue = opts.catalogue ?? SEED_CATALOGUE;
  const cluster = findCluster(catalogue, opts.cluster);
  const runsArgo = catalogue.argocdCluster === cluster.name;
  if (opts.argocd && !runsArgo) throw new Error(`Argo CD runs on "${catalogue.argocdCluster}", not "${cluster.name}"`);

  const store = new KubeStore(opts.historyLimit ?? 1000);
  const { nodes } = seedCluster(store, catalogue, cluster);
  seedRoutes(store, catalogue, cluster, new Date(Date.now() - 3 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'));
  store.compactAll();
  const ownFaults = !opts.faults;
  const faults = opts.faults ?? new Faults();
  const badImages = opts.badImages ?? opts.argocd?.badImages ?? new BadImages();
  const workloads = new Workloads(store, nodes, (image) => badImages.isBad(image));
  const types: ResourceType[] = [...CORE_TYPES, ...METRICS_TYPES, INGRESSES, ...(cluster.gatewayApi ? [HTTPROUTES] : []), ...(runsArgo ? ARGO_TYPES : []), ...(opts.kubevirt ? KUBEVIRT_TYPES : [])];
  const kubevirt = opts.kubevirt ? new KubeVirt(store, nodes, opts.kubevirt) : undefined;
  if (kubevirt) {
    if (!store.get('v1/namespaces', undefined, kubevirt.namespace)) store.create('v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: kubevirt.namespace, uid: '', creationTimestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), labels: { 'kubernetes.io/metadata.name': kubevirt.namespace } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    kubevirt.seed('Halted');
  }
  const tokens = new Map<string, { role: Role; user: string }>([[opts.token, { role: 'admin', user: `${cluster.name}-admin` }]]);
  if (opts.readOnlyToken) tokens.set(opts.readOnlyToken, { role: 'read-only', user: 'system:serviceaccount:kube-system:panel-readonly' });
  const watches = new Set<WatchConn>();

  let port = 0;
  const ctx: ServerContext = {
    store,
    faults,
    types: new Map(types.map((t) => [t.key, t])),
    groups: [{ group: 'metrics.k8s.io', version: 'v1beta1' }, { group: 'networking.k8s.io', version: 'v1' }, ...(cluster.gatewayApi ? [{ group: 'gateway.networking.k8s.io', version: 'v1' }] : []), ...(runsArgo ? [{ group: 'argoproj.io', version: 'v1alpha1' }] : []), ...(kubevirt ? [{ group: 'kubevirt.io', version: 'v1' }] : [])],
    kubeletVersion: cluster.running.kubeletVersion,
    tokens,
    drift: opts.drift ?? false,
    workloads,
    watches,
    bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 10_000,
    reachable: true,
    serverAddress: () => `127.0.0.1:${port}`,
  };
  const tls = opts.tls ?? simTls(`kubernetes-${cluster.name}`);
  const server = createServer({ key: tls.key, cert: tls.cert }, createHandler(ctx));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `https://127.0.0.1:${port}`;

  const rollout = (namespace: string, workload: string, image: string, bad: boolean) => workloads.rollout(namespace, workload, image, bad || badImages.isBad(image));
  let argocd: ArgoCdController | undefined;
  if (opts.argocd) {
    const self = { name: cluster.name, rollout, runStrategy: (_ns: string, name: string, strategy: string) => kubevirt?.applyRunStrategy(name, strategy) };
    argocd = await startArgoCd(store, catalogue, { ...opts.argocd, badImages, clusters: [self, ...(opts.argocd.clusters ?? [])] });
    ctx.onPatched = (type, obj) => type.key === ARGO_TYPES[0].key && argocd?.onPatched(obj);
    store.compactAll(); // the Applications were there "before" anyone could watch
  }

  const kubeconfigPath = await writeKubeconfig({ dir: opts.kubeconfigDir, file: `${cluster.name}.kubeconfig.yaml`, cluster: cluster.name, context: cluster.name, user: `${cluster.name}-admin`, server: url, token: opts.token, ca: tls.ca.cert });
  const readOnlyKubeconfigPath = opts.readOnlyToken
    ? await writeKubeconfig({ dir: opts.kubeconfigDir, file: `${cluster.name}-readonly.kubeconfig.yaml`, cluster: cluster.name, context: `${cluster.name}-readonly`, user: `${cluster.name}-readonly`, server: url, token: opts.readOnlyToken, ca: tls.ca.cert })
    : undefined;

  const cutWatches = (o?: { graceful?: boolean }) => {
    const all = [...watches];
    for (const w of all) w.cut(o?.graceful ?? false);
    return all.length;
  };

  // Drift: a flaky pod (one that already restarted) restarts again now and then.
  let driftTimer: NodeJS.Timeout | undefined;
  const setDrift = (on: boolean) => {
    ctx.drift = on;
    clearInterval(driftTimer);
    driftTimer = undefined;
    if (!on) return;
    driftTimer = setInterval(() => {
      if (!ctx.reachable || Math.random() < 0.5) return;
      // Crash-looping pods are included: their restart count climbs, as in CrashLoopBackOff.
      const flaky = store.list<PodObject>(T.pods).filter((p) => p.status.containerStatuses.some((c) => c.restartCount > 0));
      const pod = flaky[Math.floor(Math.random() * flaky.length)];
      if (pod) workloads.restartContainer(pod.metadata.namespace ?? 'default', pod.metadata.name);
    }, opts.driftIntervalMs ?? 10_000);
  };
  setDrift(ctx.drift);

  let closed = false;
  return {
    name: cluster.name,
    url,
    context: cluster.name,
    kubeconfigPath,
    readOnlyKubeconfigPath,
    ca: tls.ca.cert,
    caFile: tls.ca.file,
    token: opts.token,
    store,
    faults,
    badImages,
    workloads,
    argocd,
    kubevirt,
    get reachable() {
      return ctx.reachable;
    },
    cutWatches,
    openWatches: () => watches.size,
    expireHistory: () => store.compactAll(),
    setReachable(up) {
      ctx.reachable = up;
      if (!up) {
        cutWatches();
        server.closeAllConnections();
      }
    },
    setDrift,
    killPod: (namespace, name) => workloads.replacePod(namespace, name).metadata.name,
    restartPod: (namespace, name) => void workloads.restartContainer(namespace, name),
    setNodeReady: (name, ready) => workloads.setNodeReady(name, ready),
    markBadImage: (ref, bad = true) => badImages.mark(ref, bad),
    setAppStatus(name, s) {
      if (!argocd) throw new Error(`Argo CD does not run on "${cluster.name}"`);
      argocd.setAppStatus(name, s);
    },
    rollout,
    runStrategy: (_namespace, name, strategy) => kubevirt?.applyRunStrategy(name, strategy),
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(driftTimer);
      await argocd?.close();
      kubevirt?.close();
      cutWatches();
      if (ownFaults) faults.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export { SEED_CATALOGUE, findCluster, servicesOn } from './catalogue';
export type { Catalogue, CatalogueCluster, CatalogueService, CatalogueInfra } from './catalogue';
export { scaleCatalogue } from './scale';
export type { ScaleOptions } from './scale';
export { KubeStore } from './store';
export type { StoredEvent, WatchEventType } from './store';
export type { KubeObject, ObjectMeta, ResourceType } from './resources';
export type { NodeObject, PodObject } from './objects';
export { KubeVirt, KUBEVIRT_TYPES } from './kubevirt';
export type { KubeVirtSimOptions, RunStrategy } from './kubevirt';
export { BadImages } from '../argocd';

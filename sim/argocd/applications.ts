// The Argo CD Applications of the homelab, generated from the catalogue: one per (service, cluster)
// pair, named "<service>-<cluster>", plus the infrastructure apps, all in namespace `argocd` of the
// cluster that runs Argo CD, each carrying the panel's service metadata as annotations.
import { ANNOTATIONS, HOMEPAGE_ANNOTATIONS } from '../seed/catalogue';
import type { Catalogue } from '../kubernetes/catalogue';
import type { KubeObject } from '../kubernetes/resources';
import { systemImage } from '../kubernetes/system';
import type { Rendered } from './render';

export interface AppDef {
  name: string;
  cluster: string;
  /** Deployment name on the destination cluster. */
  workload: string;
  namespace: string;
  path: string;
  /** Image repository / chart name this app's entries in a shared kustomization use. */
  image?: string;
  chart?: string;
  /** What the catalogue says is deployed (used when the repo has no file for the app). */
  seed: Rendered;
  annotations: Record<string, string>;
  labels: Record<string, string>;
  /** A KubeVirt VirtualMachine app: the VM's name and its manifest file (rendered for runStrategy). */
  vm?: { name: string; file: string };
}

/** A VirtualMachine deployed by its own Application (the KubeVirt gaming VM). */
export interface VmAppSpec {
  app: string;
  cluster: string;
  namespace: string;
  vm: string;
  dir: string;
  file: string;
}

export function vmAppDef(v: VmAppSpec): AppDef {
  return {
    name: v.app,
    cluster: v.cluster,
    workload: v.vm,
    namespace: v.namespace,
    path: v.dir,
    seed: { images: [], charts: [], runStrategy: 'Halted' },
    annotations: { [ANNOTATIONS.displayName]: 'Gaming VM', [ANNOTATIONS.audience]: 'admin', [ANNOTATIONS.tier]: '0', [ANNOTATIONS.icon]: 'gamepad', [ANNOTATIONS.description]: `KubeVirt VirtualMachine ${v.namespace}/${v.vm}`, [SYNC_WAVE]: '5' },
    labels: { 'app.kubernetes.io/part-of': 'homelab', 'panel.homelab/service': v.vm, 'panel.homelab/cluster': v.cluster, 'panel.homelab/kind': 'vm' },
    vm: { name: v.vm, file: v.file },
  };
}

export const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';

export const overlayPath = (cluster: string, name: string) => `kubernetes/overlays/${cluster}/${name}`;
export const clusterOverlayFile = (cluster: string) => `kubernetes/overlays/${cluster}/kustomization.yaml`;

export function appDefs(catalogue: Catalogue): AppDef[] {
  const defs: AppDef[] = [];
  for (const svc of catalogue.services) {
    for (const cluster of svc.clusters) {
      const chartVersion = svc.chart?.versions[cluster];
      const annotations: Record<string, string> = svc.homepageOn
        ? {}
        : svc.homepage
        ? {
            [HOMEPAGE_ANNOTATIONS.enabled]: String(svc.audience === 'family'),
            [HOMEPAGE_ANNOTATIONS.name]: svc.displayName,
            [HOMEPAGE_ANNOTATIONS.description]: svc.description,
            [HOMEPAGE_ANNOTATIONS.icon]: svc.icon,
            ...(svc.group ? { [HOMEPAGE_ANNOTATIONS.group]: svc.group } : {}),
            ...(svc.url ? { [HOMEPAGE_ANNOTATIONS.href]: svc.url } : {}),
          }
        : {
            [ANNOTATIONS.displayName]: svc.displayName,
            [ANNOTATIONS.description]: svc.description,
            [ANNOTATIONS.icon]: svc.icon,
            [ANNOTATIONS.audience]: svc.audience,
            ...(svc.group ? { [ANNOTATIONS.group]: svc.group } : {}),
            ...(svc.url ? { [ANNOTATIONS.url]: svc.url } : {}),
          };
      annotations[ANNOTATIONS.tier] = String(svc.authTier);
      annotations[SYNC_WAVE] = String(svc.syncWave);
      defs.push({
        name: `${svc.name}-${cluster}`,
        cluster,
        workload: svc.name,
        namespace: svc.namespace,
        path: overlayPath(cluster, svc.name),
        image: svc.image,
        chart: svc.chart?.name,
        seed: { images: [`${svc.image}:${svc.tags[cluster] ?? 'latest'}`], charts: svc.chart && chartVersion ? [`${svc.chart.name}:${chartVersion}`] : [] },
        annotations,
        labels: { 'app.kubernetes.io/part-of': 'homelab', 'panel.homelab/service': svc.name, 'panel.homelab/cluster': cluster, 'panel.homelab/kind': 'service' },
      });
    }
  }
  for (const inf of catalogue.infra) {
    for (const cluster of inf.clusters) {
      const image = systemImage(inf.name);
      defs.push({
        name: `${inf.name}-${cluster}`,
        cluster,
        workload: inf.name,
        namespace: inf.namespace,
        path: overlayPath(cluster, inf.name),
        image: image.replace(/:[^/:]+$/, ''),
        seed: { images: [image], charts: [] },
        annotations: { [ANNOTATIONS.displayName]: inf.name, [ANNOTATIONS.audience]: 'admin', [ANNOTATIONS.tier]: '0', [ANNOTATIONS.icon]: 'server', [ANNOTATIONS.description]: `Infrastructure: ${inf.name}`, [SYNC_WAVE]: String(inf.syncWave) },
        labels: { 'app.kubernetes.io/part-of': 'homelab', 'panel.homelab/service': inf.name, 'panel.homelab/cluster': cluster, 'panel.homelab/kind': 'infrastructure' },
      });
    }
  }
  return defs;
}

export interface AppSource {
  repoURL: string;
  path: string;
  targetRevision: string;
}

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A freshly reconciled Application: Synced and Healthy at `revision`. */
export function buildApplication(def: AppDef, o: { namespace: string; repoURL: string; branch: string; revision: string; rendered: Rendered }): KubeObject {
  const source: AppSource = { repoURL: o.repoURL, path: def.path, targetRevision: o.branch };
  const destination = { name: def.cluster, namespace: def.namespace };
  const t = now();
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: def.name, namespace: o.namespace, uid: '', creationTimestamp: t, labels: def.labels, annotations: def.annotations, finalizers: ['resources-finalizer.argocd.argoproj.io'], generation: 1 },
    spec: {
      project: 'default',
      source,
      destination,
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
    },
    status: {
      sync: { status: 'Synced', revision: o.revision, comparedTo: { source, destination } },
      health: { status: 'Healthy', lastTransitionTime: t },
      summary: summaryOf(o.rendered),
      operationState: succeeded(source, o.revision, t, t),
      history: [{ id: 0, revision: o.revision, source, deployStartedAt: t, deployedAt: t, initiatedBy: { automated: true } }],
      resources: resourcesOf(def, 'Synced', 'Healthy'),
      reconciledAt: t,
      sourceType: 'Kustomize',
      controllerNamespace: o.namespace,
    },
  };
}

export function summaryOf(r: Rendered): { images?: string[] } {
  return r.images.length ? { images: [...r.images] } : {};
}

export function succeeded(source: AppSource, revision: string, startedAt: string, finishedAt: string) {
  return {
    operation: { sync: { revision, syncStrategy: { hook: {} } }, initiatedBy: { automated: true }, retry: { limit: 5 } },
    phase: 'Succeeded',
    message: 'successfully synced (all tasks run)',
    syncResult: { revision, source },
    startedAt,
    finishedAt,
  };
}

export function resourcesOf(def: AppDef, sync: string, health: string, message?: string) {
  if (def.vm) return [{ group: 'kubevirt.io', version: 'v1', kind: 'VirtualMachine', namespace: def.namespace, name: def.vm.name, status: sync, health: { status: health, ...(message ? { message } : {}) }, syncWave: Number(def.annotations[SYNC_WAVE] ?? 0) }];
  return [
    { group: 'apps', version: 'v1', kind: 'Deployment', namespace: def.namespace, name: def.workload, status: sync, health: { status: health, ...(message ? { message } : {}) }, syncWave: Number(def.annotations[SYNC_WAVE] ?? 0) },
    { version: 'v1', kind: 'Service', namespace: def.namespace, name: def.workload, status: sync, health: { status: 'Healthy' } },
  ];
}

export { now as isoNow };

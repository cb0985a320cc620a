// deploy/ rendered by the real kustomize (`kubectl kustomize`, kustomize v5 built in) and validated
// against the published schemas of each API: kubernetes-models (Kubernetes core, generated from the
// OpenAPI of Kubernetes) and @kubernetes-models/* (generated from the CRDs of each project: External
// Secrets, Gateway API, Argo CD, Cilium, Prometheus Operator).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
import { CiliumNetworkPolicy } from '@kubernetes-models/cilium/cilium.io/v2';
import { ExternalSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1';
import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1';
import { PodMonitor, ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { ConfigMap, Secret, Service, ServiceAccount } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ClusterRole, ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { parseAllDocuments } from 'yaml';

export type Labels = Record<string, string>;
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Labels; annotations?: Labels; [k: string]: unknown };
  [k: string]: unknown;
}
type Obj = Record<string, unknown>;

export const KUBECTL = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;

/** `kubectl kustomize <dir>`: the objects as Argo CD would apply them (throws kustomize's error). */
export function kustomize(dir: string): K8sObject[] {
  let out: string;
  try {
    out = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    throw new Error(`kubectl kustomize ${dir} failed: ${String((e as { stderr?: string }).stderr ?? e).trim()}`);
  }
  return parseYamlDocuments(out, dir) as K8sObject[];
}

export function parseYamlDocuments(text: string, file: string): unknown[] {
  return parseAllDocuments(text, { uniqueKeys: true }).map((d) => {
    if (d.errors.length) throw new Error(`${file}: ${d.errors[0].message}`);
    return d.toJS();
  }).filter((d) => d !== null);
}

/** The schema of each API the deployment uses, at the version its operator serves today. */
const SCHEMAS: Record<string, { validate(): void } & (new (o: never) => { validate(): void })> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'apps/v1/Deployment': Deployment,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'rbac.authorization.k8s.io/v1/ClusterRole': ClusterRole,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': ClusterRoleBinding,
  // External Secrets serves only v1 since v0.17 (v1beta1 removed): an old manifest fails here.
  'external-secrets.io/v1/ExternalSecret': ExternalSecret,
  'gateway.networking.k8s.io/v1/HTTPRoute': HTTPRoute,
  'cilium.io/v2/CiliumNetworkPolicy': CiliumNetworkPolicy,
  'argoproj.io/v1alpha1/Application': Application,
  'monitoring.coreos.com/v1/ServiceMonitor': ServiceMonitor,
  'monitoring.coreos.com/v1/PodMonitor': PodMonitor,
} as never;

/** Problems of each object against its API's schema (an unknown apiVersion/kind is one). */
export function schemaProblems(objects: K8sObject[]): string[] {
  return objects.flatMap((o) => {
    const Model = SCHEMAS[`${o.apiVersion}/${o.kind}`];
    const at = `${o.kind}/${o.metadata?.name} (${o.apiVersion})`;
    if (!Model) return [`${at}: no published schema for this apiVersion and kind (not served: use ${Object.keys(SCHEMAS).filter((k) => k.endsWith(`/${o.kind}`)).join(', ') || 'a served version'})`];
    try {
      new Model(structuredClone(o) as never).validate();
      return [];
    } catch (e) {
      return [`${at}: ${(e as Error).message.split('\n')[0]}`];
    }
  });
}

export const isClusterScoped = (kind: string) => ['ClusterRole', 'ClusterRoleBinding', 'Namespace', 'ClusterSecretStore', 'CustomResourceDefinition'].includes(kind);

export function parseImage(image: string): { name: string; tag?: string; digest?: string } {
  const [rest, digest] = image.split('@') as [string, string | undefined];
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { name: rest, digest };
}

/** Pod specs of a resource (workloads, CronJobs, Pods). */
export function podSpecs(obj: K8sObject): Obj[] {
  const spec = obj.spec as Obj | undefined;
  if (!spec) return [];
  if (obj.kind === 'Pod') return [spec];
  const t = (obj.kind === 'CronJob' ? (((spec.jobTemplate as Obj)?.spec as Obj)?.template as Obj) : (spec.template as Obj)) ?? {};
  return t.spec && typeof t.spec === 'object' ? [t.spec as Obj] : [];
}

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
export function findKustomization(dir: string): string | undefined {
  return KUSTOMIZATION_FILES.map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
}

/** Every file a kustomization (and the ones it includes) names: resources, components, generators, patches. */
export function kustomizationFiles(dir: string, seen = new Set<string>()): Set<string> {
  const k = findKustomization(dir);
  if (!k || seen.has(k)) return seen;
  seen.add(k);
  const doc = (parseYamlDocuments(fs.readFileSync(k, 'utf8'), k)[0] ?? {}) as Obj;
  const list = (v: unknown) => (Array.isArray(v) ? (v as unknown[]) : []);
  const named = [
    ...list(doc.resources),
    ...list(doc.components),
    ...list(doc.patches).map((p) => (p as Obj).path),
    ...list(doc.configMapGenerator).flatMap((g) => list((g as Obj).files).map((f) => String(f).split('=').pop())),
  ].filter((p): p is string => typeof p === 'string');
  for (const p of named) {
    const abs = path.resolve(dir, p);
    if (fs.existsSync(abs) && fs.statSync(abs).isDirectory()) kustomizationFiles(abs, seen);
    else seen.add(abs);
  }
  return seen;
}

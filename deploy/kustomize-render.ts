// A small Kustomize renderer, enough for deploy/kustomize/ (no kustomize binary on the build machines).
// It does what `kustomize build` does with the fields used here, in kustomize's order: resources
// (files and directories), configMapGenerator (with the content-hash suffix and the references to it
// rewritten), patches (strategic merge and JSON 6902, with targets), namespace, labels / commonLabels,
// commonAnnotations, replicas, images. Any other field is refused, so a kustomization that uses
// something this file does not understand fails the test instead of being rendered wrong.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export type Labels = Record<string, string>;
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Labels; annotations?: Labels; [k: string]: unknown };
  [k: string]: unknown;
}

export interface Rendered {
  objects: K8sObject[];
  /** Generated ConfigMaps: name in the kustomization → name after the hash suffix. */
  generated: Map<string, string>;
  /** Every file the build read (kustomizations, resources, generator sources, patches). */
  files: Set<string>;
}

type Json = unknown;
type Obj = Record<string, Json>;

interface Target {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
}
interface LabelEntry {
  pairs: Labels;
  includeSelectors?: boolean;
  includeTemplates?: boolean;
}
interface Kustomization {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  labels?: LabelEntry[];
  commonLabels?: Labels;
  commonAnnotations?: Labels;
  resources?: string[];
  images?: { name: string; newName?: string; newTag?: string; digest?: string }[];
  replicas?: { name: string; count: number }[];
  configMapGenerator?: {
    name: string;
    behavior?: 'create' | 'replace' | 'merge';
    files?: string[];
    literals?: string[];
    options?: { labels?: Labels; annotations?: Labels; disableNameSuffixHash?: boolean };
  }[];
  patches?: { path?: string; patch?: string; target?: Target }[];
}

const SUPPORTED = new Set(['apiVersion', 'kind', 'namespace', 'labels', 'commonLabels', 'commonAnnotations', 'resources', 'images', 'replicas', 'configMapGenerator', 'patches']);
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Kinds without a namespace (kustomize's built-in schema; unknown custom resources are namespaced). */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'PriorityClass', 'IngressClass', 'RuntimeClass',
  'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'APIService', 'CSIDriver',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'GatewayClass',
  'ClusterSecretStore', 'ClusterExternalSecret', 'CiliumClusterwideNetworkPolicy', 'ClusterIssuer',
]);
export const isClusterScoped = (kind: string) => CLUSTER_SCOPED.has(kind);

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

/** Parses a (multi-document) YAML file. Errors and warnings (duplicate keys, tabs…) throw, naming the file. */
export function parseYamlDocuments(text: string, file: string): Json[] {
  const docs = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: true });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: Json[] = [];
  for (const d of list) {
    const problems = [...d.errors, ...d.warnings];
    if (problems.length) throw new Error(`${file}: ${problems.map((e) => e.message.split('\n')[0]).join('; ')}`);
    const value = d.toJS({ maxAliasCount: 0 }) as Json;
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

const clone = <T>(v: T): T => structuredClone(v);
const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function findKustomization(dir: string): string | undefined {
  return KUSTOMIZATION_FILES.map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
}

function readKustomization(file: string): Kustomization {
  const docs = parseYamlDocuments(fs.readFileSync(file, 'utf8'), file);
  if (docs.length !== 1 || !isObj(docs[0])) throw new Error(`${file}: expected one mapping`);
  const k = docs[0] as Kustomization;
  const unknown = Object.keys(k).filter((key) => !SUPPORTED.has(key));
  if (unknown.length) throw new Error(`${file}: field(s) ${unknown.join(', ')} not supported by deploy/kustomize-render.ts`);
  return k;
}

/** Problems with the paths a kustomization names (resources, generator files, patches); [] when all exist. */
export function checkKustomizationPaths(file: string): string[] {
  const problems: string[] = [];
  let k: Kustomization;
  try {
    k = readKustomization(file);
  } catch (e) {
    return [(e as Error).message];
  }
  const dir = path.dirname(file);
  for (const r of k.resources ?? []) {
    const p = path.resolve(dir, r);
    if (!fs.existsSync(p)) problems.push(`${file}: resource ${r} does not exist`);
    else if (fs.statSync(p).isDirectory() && !findKustomization(p)) problems.push(`${file}: resource ${r} is a directory without a kustomization`);
  }
  for (const g of k.configMapGenerator ?? []) {
    for (const f of g.files ?? []) {
      const src = f.includes('=') ? f.slice(f.indexOf('=') + 1) : f;
      if (!fs.existsSync(path.resolve(dir, src))) problems.push(`${file}: configMapGenerator ${g.name}: file ${src} does not exist`);
    }
  }
  for (const p of k.patches ?? []) {
    if (p.path && !fs.existsSync(path.resolve(dir, p.path))) problems.push(`${file}: patch ${p.path} does not exist`);
    if (!p.path && !p.patch) problems.push(`${file}: patch without path or patch`);
  }
  return problems;
}

interface Res {
  obj: K8sObject;
  generated?: { hash: boolean };
}

/** `kustomize build <dir>`. */
export function build(dir: string): Rendered {
  const files = new Set<string>();
  const res = buildDir(path.resolve(dir), [], files);
  const generated = new Map<string, string>();
  for (const r of res) {
    if (r.generated?.hash) {
      const data = { kind: r.obj.kind, name: r.obj.metadata.name, data: r.obj.data ?? {} };
      const suffix = crypto.createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 10);
      generated.set(r.obj.metadata.name, `${r.obj.metadata.name}-${suffix}`);
      r.obj.metadata.name = `${r.obj.metadata.name}-${suffix}`;
    } else if (r.generated) generated.set(r.obj.metadata.name, r.obj.metadata.name);
  }
  for (const r of res) for (const spec of podSpecs(r.obj)) rewriteConfigMapRefs(spec, generated);
  return { objects: res.map((r) => r.obj), generated, files };
}

function buildDir(dir: string, stack: string[], files: Set<string>): Res[] {
  if (stack.includes(dir)) throw new Error(`kustomization cycle: ${[...stack, dir].join(' → ')}`);
  const kfile = findKustomization(dir);
  if (!kfile) throw new Error(`${dir}: no kustomization`);
  files.add(kfile);
  const k = readKustomization(kfile);
  const problems = checkKustomizationPaths(kfile);
  if (problems.length) throw new Error(problems.join('\n'));
  let out: Res[] = [];

  // 1. resources
  for (const r of k.resources ?? []) {
    const p = path.resolve(dir, r);
    if (fs.statSync(p).isDirectory()) out.push(...buildDir(p, [...stack, dir], files));
    else {
      files.add(p);
      for (const doc of parseYamlDocuments(fs.readFileSync(p, 'utf8'), p)) {
        if (!isObj(doc) || typeof doc.kind !== 'string' || typeof doc.apiVersion !== 'string' || !isObj(doc.metadata) || typeof doc.metadata.name !== 'string') {
          throw new Error(`${p}: every document needs apiVersion, kind and metadata.name`);
        }
        out.push({ obj: doc as unknown as K8sObject });
      }
    }
  }
  const key = (o: K8sObject) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  const seen = new Set<string>();
  for (const r of out) {
    if (seen.has(key(r.obj))) throw new Error(`${kfile}: ${key(r.obj)} is defined twice`);
    seen.add(key(r.obj));
  }

  // 2. generators
  for (const g of k.configMapGenerator ?? []) {
    const data: Labels = {};
    for (const f of g.files ?? []) {
      const [k2, src] = f.includes('=') ? [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1)] : [path.basename(f), f];
      const p = path.resolve(dir, src);
      files.add(p);
      data[k2] = fs.readFileSync(p, 'utf8');
    }
    for (const l of g.literals ?? []) data[l.slice(0, l.indexOf('='))] = l.slice(l.indexOf('=') + 1);
    const behavior = g.behavior ?? 'create';
    const existing = out.find((r) => r.obj.kind === 'ConfigMap' && r.obj.metadata.name === g.name && r.generated);
    if (behavior === 'create') {
      if (existing) throw new Error(`${kfile}: ConfigMap ${g.name} already generated (use behavior: replace or merge)`);
      const obj: K8sObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: g.name }, data };
      if (g.options?.labels) obj.metadata.labels = { ...g.options.labels };
      if (g.options?.annotations) obj.metadata.annotations = { ...g.options.annotations };
      out.push({ obj, generated: { hash: !g.options?.disableNameSuffixHash } });
    } else {
      if (!existing) throw new Error(`${kfile}: configMapGenerator ${g.name} with behavior ${behavior}: no such ConfigMap in the resources`);
      existing.obj.data = behavior === 'replace' ? data : { ...(existing.obj.data as Labels), ...data };
      if (g.options?.labels) existing.obj.metadata.labels = { ...existing.obj.metadata.labels, ...g.options.labels };
      if (g.options?.disableNameSuffixHash) existing.generated = { hash: false };
    }
  }

  // 3. patches
  for (const p of k.patches ?? []) {
    const where = p.path ? path.resolve(dir, p.path) : `${kfile} (inline patch)`;
    if (p.path) files.add(where);
    const text = p.patch ?? fs.readFileSync(where, 'utf8');
    const docs = parseYamlDocuments(text, where);
    for (const doc of docs) {
      if (Array.isArray(doc)) {
        if (!p.target) throw new Error(`${where}: a JSON 6902 patch needs a target`);
        const hits = out.filter((r) => matches(r.obj, p.target!));
        if (!hits.length) throw new Error(`${where}: the target matches no resource`);
        for (const r of hits) r.obj = applyJsonPatch(r.obj, doc, where) as K8sObject;
      } else if (isObj(doc)) {
        const meta = isObj(doc.metadata) ? doc.metadata : {};
        const target: Target = p.target ?? { kind: doc.kind as string, name: meta.name as string };
        const hits = out.filter((r) => matches(r.obj, target));
        if (!hits.length) throw new Error(`${where}: the target matches no resource`);
        for (const r of hits) {
          if (doc.$patch === 'delete') out = out.filter((x) => x !== r);
          else {
            const { metadata: _m, ...rest } = doc;
            const patchMeta = clone(meta);
            if (p.target) {
              delete patchMeta.name;
              delete patchMeta.namespace;
            }
            r.obj = strategicMerge(r.obj, { ...rest, metadata: patchMeta }) as K8sObject;
          }
        }
      } else throw new Error(`${where}: a patch is a mapping or a list of operations`);
    }
  }

  // 4. namespace
  if (k.namespace) {
    for (const { obj } of out) {
      if (!isClusterScoped(obj.kind)) obj.metadata.namespace = k.namespace;
      if (obj.kind === 'RoleBinding' || obj.kind === 'ClusterRoleBinding') {
        for (const s of (obj.subjects as Obj[] | undefined) ?? []) {
          if (s.kind === 'ServiceAccount' && (s.namespace === undefined || s.namespace === 'default')) s.namespace = k.namespace;
        }
      }
    }
  }

  // 5. labels, annotations
  const entries: LabelEntry[] = [...(k.labels ?? [])];
  if (k.commonLabels) entries.push({ pairs: k.commonLabels, includeSelectors: true });
  for (const e of entries) for (const { obj } of out) addLabels(obj, e);
  if (k.commonAnnotations) {
    for (const { obj } of out) {
      obj.metadata.annotations = { ...obj.metadata.annotations, ...k.commonAnnotations };
      for (const spec of templates(obj)) spec.annotations = { ...(spec.annotations as Labels), ...k.commonAnnotations };
    }
  }

  // 6. replicas
  for (const rc of k.replicas ?? []) {
    const hits = out.filter((r) => WORKLOADS.has(r.obj.kind) && r.obj.kind !== 'DaemonSet' && r.obj.metadata.name === rc.name);
    if (!hits.length) throw new Error(`${kfile}: replicas: no workload named ${rc.name}`);
    for (const r of hits) (r.obj.spec as Obj).replicas = rc.count;
  }

  // 7. images
  for (const img of k.images ?? []) {
    let used = false;
    for (const { obj } of out) {
      for (const spec of podSpecs(obj)) {
        for (const c of [...((spec.containers as Obj[]) ?? []), ...((spec.initContainers as Obj[]) ?? [])]) {
          const ref = parseImage(String(c.image));
          if (ref.name !== img.name) continue;
          used = true;
          const name = img.newName ?? ref.name;
          if (img.digest) c.image = `${name}@${img.digest}`;
          else if (img.newTag) c.image = `${name}:${img.newTag}`;
          else c.image = `${name}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
        }
      }
    }
    if (!used) throw new Error(`${kfile}: images: no container uses ${img.name}`);
  }
  return out;
}

export function parseImage(image: string): { name: string; tag?: string; digest?: string } {
  const [rest, digest] = image.split('@') as [string, string | undefined];
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { name: rest, digest };
}

function groupOf(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

function matches(obj: K8sObject, t: Target): boolean {
  const { group, version } = groupOf(obj.apiVersion);
  if (t.group !== undefined && t.group !== group) return false;
  if (t.version !== undefined && t.version !== version) return false;
  if (t.kind !== undefined && t.kind !== obj.kind) return false;
  if (t.name !== undefined && !new RegExp(`^(?:${t.name})$`).test(obj.metadata.name)) return false;
  if (t.namespace !== undefined && t.namespace !== (obj.metadata.namespace ?? '')) return false;
  if (t.labelSelector) {
    for (const term of t.labelSelector.split(',')) {
      const [k, v] = term.split('=');
      if ((obj.metadata.labels ?? {})[k.trim()] !== v?.trim()) return false;
    }
  }
  return true;
}

/** Pod specs of a resource (workloads, CronJobs, Pods). */
export function podSpecs(obj: K8sObject): Obj[] {
  const spec = obj.spec as Obj | undefined;
  if (!spec) return [];
  if (obj.kind === 'Pod') return [spec];
  if (obj.kind === 'CronJob') {
    const t = ((spec.jobTemplate as Obj)?.spec as Obj)?.template as Obj;
    return t && isObj(t.spec) ? [t.spec] : [];
  }
  const t = spec.template as Obj | undefined;
  return t && isObj(t.spec) ? [t.spec] : [];
}

/** Pod template metadata of a resource. */
function templates(obj: K8sObject): Obj[] {
  const t = (obj.spec as Obj | undefined)?.template as Obj | undefined;
  return t && isObj(t.metadata) ? [t.metadata] : [];
}

function addLabels(obj: K8sObject, e: LabelEntry) {
  obj.metadata.labels = { ...obj.metadata.labels, ...e.pairs };
  const spec = obj.spec as Obj | undefined;
  if (e.includeSelectors || e.includeTemplates) {
    // spec/template/metadata/labels: created for workloads with includeSelectors, only extended otherwise.
    for (const meta of templates(obj)) {
      if (isObj(meta.labels)) meta.labels = { ...meta.labels, ...e.pairs };
      else if (e.includeSelectors && WORKLOADS.has(obj.kind)) meta.labels = { ...e.pairs };
    }
  }
  if (!e.includeSelectors || !spec) return;
  const merge = (holder: Obj | undefined, key: string, create: boolean) => {
    if (!holder) return;
    if (isObj(holder[key])) holder[key] = { ...(holder[key] as Labels), ...e.pairs };
    else if (create) holder[key] = { ...e.pairs };
  };
  if (WORKLOADS.has(obj.kind)) {
    if (!isObj(spec.selector)) spec.selector = {};
    merge(spec.selector as Obj, 'matchLabels', true);
  }
  if (obj.kind === 'Service') merge(spec, 'selector', true);
  if (obj.kind === 'PodDisruptionBudget') merge(spec.selector as Obj | undefined, 'matchLabels', false);
  if (obj.kind === 'NetworkPolicy') {
    merge(spec.podSelector as Obj | undefined, 'matchLabels', false);
    for (const rule of (spec.ingress as Obj[]) ?? []) for (const peer of (rule.from as Obj[]) ?? []) merge(peer.podSelector as Obj | undefined, 'matchLabels', false);
    for (const rule of (spec.egress as Obj[]) ?? []) for (const peer of (rule.to as Obj[]) ?? []) merge(peer.podSelector as Obj | undefined, 'matchLabels', false);
  }
}

function rewriteConfigMapRefs(spec: Obj, names: Map<string, string>) {
  const rename = (holder: Obj | undefined) => {
    if (holder && typeof holder.name === 'string' && names.has(holder.name)) holder.name = names.get(holder.name)!;
  };
  for (const v of (spec.volumes as Obj[]) ?? []) {
    rename(v.configMap as Obj | undefined);
    for (const s of ((v.projected as Obj | undefined)?.sources as Obj[]) ?? []) rename(s.configMap as Obj | undefined);
  }
  for (const c of [...((spec.containers as Obj[]) ?? []), ...((spec.initContainers as Obj[]) ?? [])]) {
    for (const e of (c.envFrom as Obj[]) ?? []) rename(e.configMapRef as Obj | undefined);
    for (const e of (c.env as Obj[]) ?? []) rename((e.valueFrom as Obj | undefined)?.configMapKeyRef as Obj | undefined);
  }
}

/** Strategic merge, simplified: maps merge, lists of named items merge by name, other lists are replaced. */
export function strategicMerge(base: Json, patch: Json): Json {
  if (patch === null) return undefined;
  if (isObj(base) && isObj(patch)) {
    const out: Obj = { ...base };
    for (const [k, v] of Object.entries(patch)) {
      const merged = strategicMerge(base[k], v);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    }
    return out;
  }
  if (Array.isArray(base) && Array.isArray(patch) && patch.every((p) => isObj(p) && typeof p.name === 'string') && base.every((b) => isObj(b) && typeof b.name === 'string')) {
    const out = base.map((b) => clone(b)) as Obj[];
    for (const p of patch as Obj[]) {
      const i = out.findIndex((b) => b.name === p.name);
      if (p.$patch === 'delete') {
        if (i >= 0) out.splice(i, 1);
      } else if (i >= 0) out[i] = strategicMerge(out[i], p) as Obj;
      else out.push(clone(p));
    }
    return out;
  }
  return clone(patch);
}

/** RFC 6902 add / remove / replace / test. */
export function applyJsonPatch(doc: Json, ops: Json[], where: string): Json {
  const root = clone(doc);
  for (const raw of ops) {
    if (!isObj(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string') throw new Error(`${where}: bad JSON patch operation`);
    const parts = raw.path.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = parts.pop();
    if (last === undefined) throw new Error(`${where}: cannot patch the whole document`);
    let node: Json = root;
    for (const p of parts) {
      node = Array.isArray(node) ? node[Number(p)] : isObj(node) ? node[p] : undefined;
      if (node === undefined) throw new Error(`${where}: ${raw.op} ${raw.path}: ${p} does not exist`);
    }
    const fail = () => {
      throw new Error(`${where}: ${raw.op} ${raw.path}: no such location`);
    };
    if (Array.isArray(node)) {
      const i = last === '-' ? node.length : Number(last);
      if (!Number.isInteger(i) || i < 0 || i > node.length) fail();
      if (raw.op === 'add') node.splice(i, 0, clone(raw.value));
      else if (i >= node.length) fail();
      else if (raw.op === 'remove') node.splice(i, 1);
      else if (raw.op === 'replace') node[i] = clone(raw.value);
      else if (raw.op === 'test') {
        if (JSON.stringify(node[i]) !== JSON.stringify(raw.value)) throw new Error(`${where}: test ${raw.path} failed`);
      } else throw new Error(`${where}: unsupported op ${raw.op}`);
    } else if (isObj(node)) {
      if (raw.op === 'add') node[last] = clone(raw.value);
      else if (!(last in node)) fail();
      else if (raw.op === 'remove') delete node[last];
      else if (raw.op === 'replace') node[last] = clone(raw.value);
      else if (raw.op === 'test') {
        if (JSON.stringify(node[last]) !== JSON.stringify(raw.value)) throw new Error(`${where}: test ${raw.path} failed`);
      } else throw new Error(`${where}: unsupported op ${raw.op}`);
    } else fail();
  }
  return root;
}

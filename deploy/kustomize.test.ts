// The deployment manifests (deploy/), rendered by the real kustomize (`kubectl kustomize`, see
// deploy/manifests.ts), validated against each API's published schema, and checked against
// architecture.md §4.3 and the app itself (server/env.ts, the probe routes).
// Each check returns the problems it finds; the last block proves the checks do catch broken input.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_KEYS, loadConfig } from '@/server/env';
import { findKustomization, isClusterScoped, KUBECTL, kustomizationFiles, kustomize, parseImage, parseYamlDocuments, podSpecs, schemaProblems, type K8sObject, type Labels } from './manifests';

// kubectl (kustomize v5 built in) is on this project's machines and CI; elsewhere say so plainly.
if (!KUBECTL) process.stdout.write('deploy/kustomize.test.ts: SKIPPED the rendering tests: kubectl is not on PATH\n');
const withKubectl = (name: string) => `${name}${KUBECTL ? '' : ' (SKIPPED: kubectl is not on PATH)'}`;

const ROOT = path.resolve(import.meta.dirname, '..');
const DEPLOY = path.join(ROOT, 'deploy');
const BASE = path.join(DEPLOY, 'kustomize/base');
const OVERLAY = path.join(DEPLOY, 'kustomize/overlays/example');
const APPLICATION = path.join(DEPLOY, 'argocd/homelab-panel.yaml');

const NAME = 'homelab-panel';
const NAMESPACE = 'homelab-panel';
const HOSTNAME = 'panel.homelab.example';
const IMAGE = 'ghcr.io/paul/homelab-panel';
const PORT = 3000;
const SECRET_DIR = '/var/run/secrets/panel';
/** Prometheus (kube-prometheus-stack) scrapes /api/metrics from here. */
const MONITORING_NS = 'monitoring';
const MANDATORY: Labels = {
  'app.kubernetes.io/name': NAME,
  'app.kubernetes.io/instance': NAME,
  'app.kubernetes.io/component': 'server',
  'app.kubernetes.io/part-of': 'homelab',
  'app.kubernetes.io/managed-by': 'argocd',
};
const KINDS = ['Deployment', 'Service', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'NetworkPolicy', 'HTTPRoute', 'ExternalSecret', 'ConfigMap'];
const READ_VERBS = new Set(['get', 'list', 'watch']);
/** Config keys that hold secrets: never in homelab.yaml, never as a plain env value. */
const SECRET_KEYS = ['auth.secret', 'auth.clientSecret', 'database.url', 'proxmox.tokenSecret', 'github.token', 'metrics.token'];

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const clone = <T>(v: T): T => structuredClone(v);
const id = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;

// ---------------------------------------------------------------- files

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(e.name) || e.name === 'Kustomization' ? [p] : [];
  });
}
const allKustomizations = () => yamlFiles(DEPLOY).filter((f) => ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].includes(path.basename(f)));
const KUSTOMIZATIONS = ['kustomize/base/kustomization.yaml', 'kustomize/components/monitoring/kustomization.yaml', 'kustomize/overlays/example/kustomization.yaml'];

interface Rendered {
  objects: K8sObject[];
  /** Generated ConfigMaps: name in the kustomization → name with kustomize's hash suffix. */
  generated: Map<string, string>;
  /** Every file the kustomizations name. */
  files: Set<string>;
}
const cache = new Map<string, Rendered>();
function render(dir: string): Rendered {
  if (!cache.has(dir)) {
    const objects = kustomize(dir);
    const generated = new Map(objects.filter((o) => o.kind === 'ConfigMap').flatMap((o) => {
      const m = /^(.*)-[a-z0-9]{10}$/.exec(o.metadata.name);
      return m ? [[m[1], o.metadata.name] as [string, string]] : [];
    }));
    cache.set(dir, { objects, generated, files: kustomizationFiles(dir) });
  }
  return clone(cache.get(dir)!);
}
function application(): K8sObject {
  const docs = parseYamlDocuments(fs.readFileSync(APPLICATION, 'utf8'), APPLICATION);
  expect(docs).toHaveLength(1);
  return docs[0] as K8sObject;
}

// ---------------------------------------------------------------- helpers over rendered objects

const ofKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);
function one(objects: K8sObject[], kind: string): K8sObject {
  const list = ofKind(objects, kind);
  if (list.length !== 1) throw new Error(`expected one ${kind}, found ${list.length}`);
  return list[0];
}
const deployment = (objects: K8sObject[]) => one(objects, 'Deployment');
const podSpec = (d: K8sObject) => podSpecs(d)[0];
const podLabels = (d: K8sObject) => obj(obj(obj(d.spec).template).metadata).labels as Labels;
const container = (d: K8sObject) => {
  const cs = arr(podSpec(d).containers);
  if (cs.length !== 1) throw new Error(`expected one container, found ${cs.length}`);
  return cs[0];
};
const selects = (selector: unknown, labels: Labels) => {
  const m = obj(selector) as Labels;
  return Object.keys(m).length > 0 && Object.entries(m).every(([k, v]) => labels[k] === v);
};

function quantity(q: unknown): number {
  const m = /^([0-9.]+)(Ki|Mi|Gi|Ti|k|M|G|T|m)?$/.exec(String(q));
  if (!m) return NaN;
  const unit: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12, m: 1e-3 };
  return Number(m[1]) * (m[2] ? unit[m[2]] : 1);
}

/** The image's environment (the run stage's ENV lines of the Dockerfile). */
function dockerfileEnv(): Record<string, string> {
  const text = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  const run = text.slice(text.lastIndexOf('\nFROM '));
  const env: Record<string, string> = {};
  for (const line of run.split('\n').filter((l) => l.startsWith('ENV '))) {
    for (const m of line.slice(4).matchAll(/([A-Z_]+)=("[^"]*"|\S+)/g)) env[m[1]] = m[2].replace(/^"|"$/g, '');
  }
  return env;
}

/**
 * The Deployment's NODE_OPTIONS replaces the image's: it must repeat the image's V8 flags (all but the
 * heap bound, which it sizes itself) and glibc malloc settings, and the heap bound must leave at
 * least 256 MiB of the limit for what lives outside the heap (code, buffers, threads; docs/performance.md).
 */
function memorySettingProblems(c: Record<string, unknown>, limitBytes: number): string[] {
  const p: string[] = [];
  const env = Object.fromEntries(arr(c.env).map((e) => [String(e.name), String(e.value ?? '')]));
  const image = dockerfileEnv();
  const flags = (s = '') => s.split(/\s+/).filter((f) => f && !f.startsWith('--max-old-space-size'));
  for (const f of flags(image.NODE_OPTIONS)) if (!flags(env.NODE_OPTIONS).includes(f)) p.push(`NODE_OPTIONS lacks the image's ${f}`);
  for (const k of Object.keys(image).filter((k) => k.startsWith('MALLOC_'))) {
    if (env[k] !== image[k]) p.push(`${k} is ${env[k]}, the image's is ${image[k]}`);
  }
  const heapMiB = Number(/--max-old-space-size=(\d+)/.exec(env.NODE_OPTIONS ?? '')?.[1]);
  if (!heapMiB) p.push('NODE_OPTIONS has no --max-old-space-size (the heap bound)');
  else if (heapMiB * 2 ** 20 + 256 * 2 ** 20 > limitBytes) p.push(`heap bound ${heapMiB} MiB leaves less than 256 MiB of the memory limit`);
  return p;
}

/** The container port a probe or a Service targets (number or port name). */
function resolvePort(d: K8sObject, port: unknown): number | undefined {
  if (typeof port === 'number') return port;
  return arr(container(d).ports).find((p) => p.name === port)?.containerPort as number | undefined;
}

/** Keys of the Secret `name` that the pod uses, or '*' when it takes the whole Secret. */
function referencedSecretKeys(d: K8sObject): Map<string, Set<string>> {
  const refs = new Map<string, Set<string>>();
  const add = (secret: unknown, key: string) => {
    const s = String(secret);
    if (!refs.has(s)) refs.set(s, new Set());
    refs.get(s)!.add(key);
  };
  const spec = podSpec(d);
  for (const v of arr(spec.volumes)) {
    const s = obj(v.secret);
    if (s.secretName) {
      const items = arr(s.items);
      if (items.length === 0) add(s.secretName, '*');
      for (const i of items) add(s.secretName, String(i.key));
    }
    for (const src of arr(obj(v.projected).sources)) {
      const ps = obj(src.secret);
      if (ps.name) for (const i of arr(ps.items).length ? arr(ps.items) : [{ key: '*' }]) add(ps.name, String(i.key));
    }
  }
  for (const c of [...arr(spec.containers), ...arr(spec.initContainers)]) {
    for (const e of arr(c.env)) {
      const ref = obj(obj(e.valueFrom).secretKeyRef);
      if (ref.name) add(ref.name, String(ref.key));
    }
    for (const e of arr(c.envFrom)) if (obj(e.secretRef).name) add(obj(e.secretRef).name, '*');
  }
  return refs;
}

type Mounted = { kind: 'configMap'; content: string } | { kind: 'secret'; secret: string; key: string } | { kind: 'emptyDir' } | undefined;

/** What the container sees at an absolute file path, from its volume mounts. */
function fileAt(objects: K8sObject[], d: K8sObject, file: string): Mounted {
  const c = container(d);
  const mount = arr(c.volumeMounts).find((m) => file.startsWith(`${String(m.mountPath).replace(/\/$/, '')}/`));
  if (!mount) return undefined;
  const rel = file.slice(String(mount.mountPath).replace(/\/$/, '').length + 1);
  const volume = arr(podSpec(d).volumes).find((v) => v.name === mount.name);
  if (!volume) return undefined;
  if (volume.emptyDir) return { kind: 'emptyDir' };
  const source = obj(volume.configMap).name ? obj(volume.configMap) : obj(volume.secret).secretName ? obj(volume.secret) : undefined;
  if (!source) return undefined;
  const items = arr(source.items);
  const key = items.length ? (items.find((i) => i.path === rel)?.key as string | undefined) : rel;
  if (!key) return undefined;
  if (source.secretName) return { kind: 'secret', secret: String(source.secretName), key };
  const cm = ofKind(objects, 'ConfigMap').find((o) => o.metadata.name === source.name);
  const content = obj(cm?.data)[key];
  return typeof content === 'string' ? { kind: 'configMap', content } : undefined;
}

// ---------------------------------------------------------------- checks (each returns problems)

function checkKindsAndNames(objects: K8sObject[]): string[] {
  const p: string[] = [];
  for (const kind of KINDS) if (ofKind(objects, kind).length === 0) p.push(`no ${kind}`);
  for (const kind of ['Deployment', 'Service', 'ServiceAccount', 'NetworkPolicy', 'HTTPRoute']) {
    for (const o of ofKind(objects, kind)) if (o.metadata.name !== NAME) p.push(`${id(o)}: must be named ${NAME} (§4.3)`);
  }
  for (const o of ofKind(objects, 'ConfigMap')) if (!o.metadata.name.startsWith(`${NAME}-config`)) p.push(`${id(o)}: must be named ${NAME}-config`);
  for (const o of ofKind(objects, 'ExternalSecret')) if (obj(obj(o.spec).target).name !== `${NAME}-secrets`) p.push(`${id(o)}: target Secret must be ${NAME}-secrets`);
  for (const o of objects) {
    if (isClusterScoped(o.kind) && o.metadata.namespace) p.push(`${id(o)}: cluster-scoped, has a namespace`);
    if (!isClusterScoped(o.kind) && o.metadata.namespace !== NAMESPACE) p.push(`${id(o)}: namespace ${o.metadata.namespace} instead of ${NAMESPACE}`);
  }
  return p;
}

function checkLabels(objects: K8sObject[]): string[] {
  const p: string[] = [];
  for (const o of objects) {
    for (const [k, v] of Object.entries(MANDATORY)) {
      if (o.metadata.labels?.[k] !== v) p.push(`${id(o)}: label ${k} is ${o.metadata.labels?.[k] ?? 'missing'}, expected ${v}`);
    }
    const t = obj(obj(o.spec).template);
    if (t.metadata) {
      const labels = obj(obj(t.metadata).labels);
      for (const [k, v] of Object.entries(MANDATORY)) if (labels[k] !== v) p.push(`${id(o)}: pod template label ${k} is ${labels[k] ?? 'missing'}`);
    }
  }
  return p;
}

function checkRbac(objects: K8sObject[]): string[] {
  const p: string[] = [];
  const d = deployment(objects);
  const sa = String(podSpec(d).serviceAccountName ?? '');
  if (sa !== NAME) p.push(`Deployment: serviceAccountName is "${sa}", expected ${NAME}`);
  if (!ofKind(objects, 'ServiceAccount').some((o) => o.metadata.name === sa && o.metadata.namespace === d.metadata.namespace)) p.push(`no ServiceAccount ${sa} beside the Deployment`);
  const granted = new Set<string>();
  for (const role of [...ofKind(objects, 'ClusterRole'), ...ofKind(objects, 'Role')]) {
    for (const rule of arr(role.rules)) {
      const verbs = (rule.verbs as string[]) ?? [];
      const resources = (rule.resources as string[]) ?? [];
      const groups = (rule.apiGroups as string[]) ?? [];
      for (const v of verbs) if (!READ_VERBS.has(v)) p.push(`${id(role)}: verb "${v}" on ${resources.join(',')} is not read-only`);
      if ([...resources, ...groups].includes('*')) p.push(`${id(role)}: wildcard in resources or apiGroups`);
      if (rule.nonResourceURLs) p.push(`${id(role)}: nonResourceURLs`);
      for (const r of resources) {
        if (r === 'secrets' || r === 'configmaps' || r.includes('/')) p.push(`${id(role)}: must not grant ${r}`);
        for (const g of groups) for (const v of verbs) granted.add(`${g}/${r}/${v}`);
      }
    }
  }
  const needed = [
    ...['nodes', 'pods', 'namespaces', 'events'].flatMap((r) => READ_VERBS_LIST.map((v) => `/${r}/${v}`)),
    ...['nodes', 'pods'].flatMap((r) => ['get', 'list'].map((v) => `metrics.k8s.io/${r}/${v}`)),
    ...READ_VERBS_LIST.map((v) => `argoproj.io/applications/${v}`),
    ...['list', 'watch'].flatMap((v) => [`networking.k8s.io/ingresses/${v}`, `gateway.networking.k8s.io/httproutes/${v}`]),
  ];
  for (const n of needed) if (!granted.has(n)) p.push(`ClusterRole: missing ${n}`);
  const bindings = ofKind(objects, 'ClusterRoleBinding');
  for (const b of bindings) {
    const ref = obj(b.roleRef);
    if (ref.kind !== 'ClusterRole' || !ofKind(objects, 'ClusterRole').some((r) => r.metadata.name === ref.name)) p.push(`${id(b)}: roleRef ${ref.kind}/${ref.name} is not one of these ClusterRoles`);
    const subjects = arr(b.subjects);
    if (!subjects.some((s) => s.kind === 'ServiceAccount' && s.name === sa && s.namespace === d.metadata.namespace)) p.push(`${id(b)}: does not bind ServiceAccount ${d.metadata.namespace}/${sa}`);
    for (const s of subjects) if (s.kind !== 'ServiceAccount' || s.name !== sa) p.push(`${id(b)}: binds ${s.kind} ${s.name} too`);
  }
  if (bindings.length === 0) p.push('no ClusterRoleBinding');
  return p;
}
const READ_VERBS_LIST = [...READ_VERBS];

function checkDeployment(objects: K8sObject[]): string[] {
  const p: string[] = [];
  const d = deployment(objects);
  const spec = podSpec(d);
  const psc = obj(spec.securityContext);
  const c = container(d);
  const csc = obj(c.securityContext);
  const eff = (k: string) => (csc[k] !== undefined ? csc[k] : psc[k]);
  if (eff('runAsNonRoot') !== true) p.push('runAsNonRoot is not true');
  if (eff('runAsUser') !== 1001) p.push(`runAsUser is ${eff('runAsUser')}, expected 1001`);
  if (obj(eff('seccompProfile')).type !== 'RuntimeDefault') p.push('seccompProfile is not RuntimeDefault');
  if (csc.readOnlyRootFilesystem !== true) p.push('readOnlyRootFilesystem is not true');
  if (csc.allowPrivilegeEscalation !== false) p.push('allowPrivilegeEscalation is not false');
  if (csc.privileged === true) p.push('privileged');
  const caps = obj(csc.capabilities);
  if (!((caps.drop as string[]) ?? []).includes('ALL')) p.push('capabilities do not drop ALL');
  if (arr(caps.add).length) p.push('capabilities added');
  for (const k of ['hostNetwork', 'hostPID', 'hostIPC']) if (spec[k] === true) p.push(`${k} is true`);
  if (spec.automountServiceAccountToken !== true) p.push('the pod needs its ServiceAccount token (in-cluster reads)');

  if (!String(c.image).startsWith(IMAGE)) p.push(`image ${c.image} is not ${IMAGE}`);
  const ports = arr(c.ports);
  if (!ports.some((x) => x.containerPort === PORT)) p.push(`no containerPort ${PORT}`);

  const res = obj(c.resources);
  const req = obj(res.requests);
  const lim = obj(res.limits);
  if (!req.memory || !lim.memory) p.push('memory request and limit are required');
  else if (!(quantity(req.memory) <= quantity(lim.memory))) p.push(`memory request ${req.memory} above the limit ${lim.memory}`);
  if (!req.cpu) p.push('cpu request is required');
  p.push(...memorySettingProblems(c, quantity(lim.memory)));

  const probe = (name: string, route: string) => {
    const pr = obj(c[name]);
    const get = obj(pr.httpGet);
    if (!pr.httpGet) return p.push(`${name}: missing (an HTTP probe)`);
    if (get.path !== route) p.push(`${name}: path ${get.path}, expected ${route}`);
    if (resolvePort(d, get.port) !== PORT) p.push(`${name}: port ${get.port} is not the container port ${PORT}`);
    const handler = path.join(ROOT, 'app', String(get.path), 'route.ts');
    if (!fs.existsSync(handler)) p.push(`${name}: ${get.path} has no route handler (${path.relative(ROOT, handler)})`);
  };
  // Liveness has a port of its own, answered by a worker thread (server/http/liveness.ts).
  {
    const get = obj(obj(c.livenessProbe).httpGet);
    if (get.path !== '/healthz') p.push(`livenessProbe: path ${get.path}, expected /healthz`);
    const port = resolvePort(d, get.port);
    if (port === undefined || port === PORT) p.push(`livenessProbe: port ${get.port} is not a container port of its own`);
    const set = arr(c.env).find((e) => e.name === 'LIVENESS_PORT')?.value;
    if (port !== undefined && port !== PORT && Number(set) !== port) p.push(`livenessProbe: port ${port} but LIVENESS_PORT is ${set}`);
  }
  probe('readinessProbe', '/api/readyz');
  probe('startupProbe', '/api/healthz');

  // Read-only root: the only writable places are emptyDirs, and Next needs /tmp and its cache.
  const volumes = new Map(arr(spec.volumes).map((v) => [String(v.name), v]));
  const writable = new Map<string, Obj>();
  for (const m of arr(c.volumeMounts)) {
    const v = volumes.get(String(m.name));
    if (!v) p.push(`volumeMount ${m.name}: no such volume`);
    else if (m.readOnly !== true) {
      if (!v.emptyDir) p.push(`volumeMount ${m.mountPath}: writable and not an emptyDir`);
      writable.set(String(m.mountPath), v);
    }
  }
  for (const dir of ['/tmp', '/app/.next/cache']) if (!writable.get(dir)?.emptyDir) p.push(`no writable emptyDir at ${dir}`);
  for (const v of arr(spec.volumes)) {
    const mode = obj(v.secret).defaultMode;
    if (v.secret && (typeof mode !== 'number' || (mode & ~0o440) !== 0)) p.push(`volume ${v.name}: secret files must be at most 0440 (defaultMode ${mode} = 0${Number(mode).toString(8)})`);
  }
  return p;
}

function checkSecrets(objects: K8sObject[]): string[] {
  const p: string[] = [];
  const d = deployment(objects);
  const externals = ofKind(objects, 'ExternalSecret');
  for (const es of externals) {
    if (es.apiVersion !== 'external-secrets.io/v1') p.push(`${id(es)}: apiVersion ${es.apiVersion}`);
    const ref = obj(obj(es.spec).secretStoreRef);
    if (ref.kind !== 'ClusterSecretStore' || ref.name !== 'bitwarden') p.push(`${id(es)}: secretStoreRef is ${ref.kind}/${ref.name}, expected ClusterSecretStore/bitwarden`);
    if (obj(es.spec).dataFrom) p.push(`${id(es)}: dataFrom hides which keys exist; list them in data`);
    const remote = arr(obj(es.spec).data).map((e) => String(obj(e.remoteRef).key ?? ''));
    if (remote.some((k) => !k)) p.push(`${id(es)}: a data entry without remoteRef.key`);
    if (new Set(remote).size !== remote.length) p.push(`${id(es)}: a remote key is used twice`);
  }
  const refs = referencedSecretKeys(d);
  if (refs.size === 0) p.push('the Deployment uses no Secret');
  for (const [secret, keys] of refs) {
    const es = externals.find((e) => (obj(obj(e.spec).target).name ?? e.metadata.name) === secret);
    if (!es) {
      p.push(`Secret ${secret}: no ExternalSecret creates it`);
      continue;
    }
    const data = arr(obj(es.spec).data).map((e) => String(e.secretKey));
    if (keys.has('*')) p.push(`Secret ${secret}: mounted whole; name the keys (items) so each one is checked`);
    for (const k of keys) if (k !== '*' && !data.includes(k)) p.push(`Secret ${secret}: key ${k} is used by the Deployment but not in ExternalSecret ${es.metadata.name}`);
    for (const k of data) if (!keys.has(k)) p.push(`ExternalSecret ${es.metadata.name}: key ${k} is fetched but the Deployment does not use it`);
  }
  return p;
}

/** The wiring of server/env.ts: HOMELAB_CONFIG from the ConfigMap, secrets only through *_FILE files. */
function checkConfig(objects: K8sObject[]): string[] {
  const p: string[] = [];
  const d = deployment(objects);
  const c = container(d);
  const env: Record<string, string> = {};
  for (const e of arr(c.env)) {
    if (e.valueFrom) p.push(`env ${e.name}: valueFrom; secrets are read from files (${e.name}_FILE)`);
    else env[String(e.name)] = String(e.value ?? '');
  }
  if (Number(env.PORT) !== PORT) p.push(`PORT is ${env.PORT}, expected ${PORT}`);
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    if (SECRET_KEYS.includes(key) && env[name] !== undefined) p.push(`env ${name}: a secret as a plain value; use ${name}_FILE`);
  }
  const files = new Map<string, string>();
  for (const [name, value] of Object.entries(env)) {
    if (!name.endsWith('_FILE')) continue;
    const base = name.slice(0, -'_FILE'.length);
    if (!(base in ENV_KEYS)) p.push(`env ${name}: ${base} is not a key of server/env.ts ENV_KEYS`);
    const f = fileAt(objects, d, value);
    if (f?.kind !== 'secret') p.push(`env ${name}: ${value} is not a file of a mounted Secret`);
    else files.set(value, `canary-${f.key}`);
  }
  for (const key of SECRET_KEYS) {
    const name = Object.entries(ENV_KEYS).find(([, k]) => k === key)?.[0];
    if (name && !env[`${name}_FILE`]) p.push(`the secret ${key} has no ${name}_FILE`);
  }

  const cfgPath = env.HOMELAB_CONFIG;
  const cfgFile = cfgPath ? fileAt(objects, d, cfgPath) : undefined;
  if (!cfgPath || cfgFile?.kind !== 'configMap') return [...p, `HOMELAB_CONFIG (${cfgPath}) is not a file of the mounted ConfigMap`];
  let raw: Obj;
  try {
    raw = obj(parseYamlDocuments(cfgFile.content, 'homelab.yaml')[0]);
  } catch (e) {
    return [...p, (e as Error).message];
  }
  for (const key of SECRET_KEYS) {
    const [a, b] = key.split('.');
    const v = obj(raw[a])[b];
    if (v !== undefined && !(typeof obj(v).file === 'string' && fileAt(objects, d, String(obj(v).file))?.kind === 'secret')) p.push(`homelab.yaml: ${key} is a secret; it comes from ${SECRET_DIR}`);
  }
  for (const cl of arr(raw.clusters)) {
    if (typeof cl.kubeconfig === 'string' && fileAt(objects, d, cl.kubeconfig)?.kind !== 'secret') p.push(`clusters.${cl.name}.kubeconfig: ${cl.kubeconfig} is not a file of the mounted Secret`);
  }
  // Canary values: a valid URL for the database, 32+ characters for the session secret.
  for (const [file] of files) {
    if (file.endsWith('database-url')) files.set(file, 'postgresql://panel:canary@postgres-rw.database.svc:5432/panel');
    if (file.endsWith('auth-secret')) files.set(file, 'c'.repeat(48));
    // The VAPID pair's shapes (base64url of a 65-byte point and a 32-byte key).
    if (file.endsWith('vapid-public-key')) files.set(file, `B${'c'.repeat(86)}`);
    if (file.endsWith('vapid-private-key')) files.set(file, 'c'.repeat(43));
  }
  try {
    const cfg = loadConfig({
      env: { ...env },
      readFile: (f) => {
        if (f === cfgPath) return cfgFile.content;
        const got = files.get(f);
        if (got === undefined) throw new Error(`ENOENT ${f}`);
        return got;
      },
      exists: (f) => f === cfgPath || files.has(f),
    });
    if (!cfg.database.url) p.push('no database.url: the embedded database would write to the read-only root');
    if (cfg.server.publicUrl !== `https://${HOSTNAME}`) p.push(`server.publicUrl is ${cfg.server.publicUrl}, expected https://${HOSTNAME}`);
    if (!cfg.server.trustProxy) p.push('server.trustProxy: behind the gateway the client address is in X-Forwarded-For');
    if (!cfg.clusters.some((cl) => cl.inCluster)) p.push('no cluster with inCluster: true (the cluster the panel runs in)');
    if (cfg.clusters.filter((cl) => cl.inCluster).length > 1) p.push('more than one inCluster cluster');
    for (const [what, tls] of [['auth', cfg.auth.tls], ['proxmox', cfg.proxmox?.tls], ['github', cfg.github?.tls], ...cfg.clusters.map((cl) => [`clusters.${cl.name}`, cl.tls] as const)] as const) {
      if (tls?.caFile && !fileAt(objects, d, tls.caFile)) p.push(`${what}.tls.caFile: ${tls.caFile} is not mounted`);
    }
  } catch (e) {
    p.push(`homelab.yaml + the Deployment's env do not load: ${(e as Error).message}`);
  }
  return p;
}

function checkServiceAndRoute(objects: K8sObject[]): string[] {
  const p: string[] = [];
  const d = deployment(objects);
  const svc = one(objects, 'Service');
  const sspec = obj(svc.spec);
  if (sspec.type !== 'ClusterIP') p.push(`Service type ${sspec.type}, expected ClusterIP`);
  if (!selects(sspec.selector, podLabels(d))) p.push('the Service does not select the pods');
  const port = arr(sspec.ports).find((x) => x.port === 80);
  if (!port) p.push('the Service has no port 80');
  else if (resolvePort(d, port.targetPort) !== PORT) p.push(`Service port 80 targets ${port.targetPort}, not ${PORT}`);

  const route = one(objects, 'HTTPRoute');
  const rspec = obj(route.spec);
  if (route.apiVersion !== 'gateway.networking.k8s.io/v1') p.push(`HTTPRoute apiVersion ${route.apiVersion}`);
  const parents = arr(rspec.parentRefs);
  if (!parents.length) p.push('HTTPRoute without parentRefs');
  for (const ref of parents) if ((ref.kind ?? 'Gateway') !== 'Gateway' || !ref.name || !ref.namespace) p.push(`HTTPRoute parentRef ${JSON.stringify(ref)}: a Gateway with a namespace`);
  if (JSON.stringify(rspec.hostnames) !== JSON.stringify([HOSTNAME])) p.push(`HTTPRoute hostnames ${JSON.stringify(rspec.hostnames)}`);
  const backends = arr(rspec.rules).flatMap((r) => arr(r.backendRefs));
  if (!backends.length) p.push('HTTPRoute without backendRefs');
  for (const b of backends) if (b.name !== svc.metadata.name || b.port !== 80) p.push(`HTTPRoute backend ${b.name}:${b.port} is not the Service ${svc.metadata.name}:80`);
  return p;
}

function checkNetworkPolicy(objects: K8sObject[]): string[] {
  const p: string[] = [];
  const d = deployment(objects);
  const gatewayNs = arr(obj(one(objects, 'HTTPRoute').spec).parentRefs)[0]?.namespace;
  const np = one(objects, 'NetworkPolicy');
  const spec = obj(np.spec);
  if (!selects(obj(spec.podSelector).matchLabels, podLabels(d))) p.push('NetworkPolicy does not select the pods');
  const types = (spec.policyTypes as string[]) ?? [];
  if (!types.includes('Ingress') || !types.includes('Egress')) p.push('NetworkPolicy policyTypes must be Ingress and Egress');
  const ingress = arr(spec.ingress);
  if (!ingress.length) p.push('NetworkPolicy: no ingress rule (the gateway could not reach the panel)');
  for (const rule of ingress) {
    const from = arr(rule.from);
    if (!from.length) p.push('NetworkPolicy: an ingress rule from anywhere');
    for (const peer of from) {
      const ns = obj(obj(peer.namespaceSelector).matchLabels)['kubernetes.io/metadata.name'];
      if (peer.ipBlock || (ns !== gatewayNs && ns !== MONITORING_NS)) p.push(`NetworkPolicy: ingress from ${JSON.stringify(peer)}, expected only namespaces ${gatewayNs} and ${MONITORING_NS}`);
    }
    const ports = arr(rule.ports);
    if (!ports.length || ports.some((x) => resolvePort(d, x.port) !== PORT)) p.push(`NetworkPolicy: ingress on ${JSON.stringify(rule.ports ?? 'every port')}, expected only ${PORT}`);
  }
  const egress = arr(spec.egress);
  for (const rule of egress) {
    if (!arr(rule.to).length) p.push('NetworkPolicy: an egress rule to anywhere in and out of the cluster');
    if (!arr(rule.ports).length) p.push('NetworkPolicy: an egress rule on every port');
  }
  const allows = (port: number, protocol: string) => egress.some((r) => arr(r.ports).some((x) => x.port === port && (x.protocol ?? 'TCP') === protocol));
  if (!allows(53, 'UDP')) p.push('NetworkPolicy: no DNS egress (53/UDP)');
  if (!egress.some((r) => arr(r.to).some((t) => obj(obj(t.podSelector).matchLabels)['k8s-app'] === 'kube-dns'))) p.push('NetworkPolicy: DNS egress is not to kube-dns');
  if (!allows(5432, 'TCP')) p.push('NetworkPolicy: no PostgreSQL egress (5432)');
  if (!allows(443, 'TCP')) p.push('NetworkPolicy: no HTTPS egress (443)');
  if (!allows(6443, 'TCP')) p.push('NetworkPolicy: no Kubernetes API egress (6443)');
  for (const cnp of ofKind(objects, 'CiliumNetworkPolicy')) {
    const cs = obj(cnp.spec);
    if (!selects(obj(cs.endpointSelector).matchLabels, podLabels(d))) p.push(`${id(cnp)}: does not select the pods`);
    for (const r of arr(cs.ingress)) if (JSON.stringify(r.fromEntities) !== '["ingress"]' || Object.keys(r).some((k) => !['fromEntities', 'toPorts'].includes(k))) p.push(`${id(cnp)}: ingress other than from Cilium's gateway`);
    for (const r of arr(cs.egress)) if (JSON.stringify(r.toEntities) !== '["kube-apiserver"]') p.push(`${id(cnp)}: egress other than the kube-apiserver`);
  }
  return p;
}

function checkReplicas(objects: K8sObject[], expected: number, pinnedTag: boolean): string[] {
  const p: string[] = [];
  const d = deployment(objects);
  const replicas = obj(d.spec).replicas;
  if (replicas !== expected) p.push(`replicas ${replicas}, expected ${expected}`);
  const pdbs = ofKind(objects, 'PodDisruptionBudget');
  if (expected > 1) {
    if (pdbs.length !== 1) p.push(`${expected} replicas need a PodDisruptionBudget`);
    for (const pdb of pdbs) {
      const s = obj(pdb.spec);
      if (pdb.metadata.name !== NAME) p.push(`${id(pdb)}: must be named ${NAME}`);
      if (!selects(obj(s.selector).matchLabels, podLabels(d))) p.push(`${id(pdb)}: does not select the pods`);
      if (!(typeof s.minAvailable === 'number' && s.minAvailable >= 1 && s.minAvailable < expected)) p.push(`${id(pdb)}: minAvailable ${s.minAvailable} must leave room for a drain`);
    }
  }
  if (pinnedTag) {
    const ref = parseImage(String(container(d).image));
    if (ref.name !== IMAGE || (!ref.digest && (!ref.tag || ref.tag === 'latest'))) p.push(`image ${container(d).image} is not pinned to a tag`);
  }
  return p;
}

function checkApplication(app: K8sObject, overlayDir: string): string[] {
  const p: string[] = [];
  if (app.apiVersion !== 'argoproj.io/v1alpha1' || app.kind !== 'Application') p.push(`not an Argo CD Application: ${app.apiVersion} ${app.kind}`);
  if (app.metadata.namespace !== 'argocd') p.push(`Application namespace ${app.metadata.namespace}, expected argocd`);
  if (app.metadata.name !== NAME) p.push(`Application name ${app.metadata.name}`);
  for (const [k, v] of Object.entries(MANDATORY)) if (app.metadata.labels?.[k] !== v) p.push(`Application: label ${k} is ${app.metadata.labels?.[k] ?? 'missing'}`);
  const a = app.metadata.annotations ?? {};
  if (a['argocd.argoproj.io/sync-wave'] !== '4') p.push(`Application sync-wave ${a['argocd.argoproj.io/sync-wave']}, expected "4" (applications, §4.2)`);
  if (a['panel.homelab/url'] !== `https://${HOSTNAME}`) p.push(`panel.homelab/url is ${a['panel.homelab/url']}`);
  if (a['panel.homelab/audience'] !== 'admin') p.push('panel.homelab/audience must be admin');
  if (!a['panel.homelab/icon'] || !a['panel.homelab/display-name']) p.push('panel.homelab/icon and display-name are required');
  const spec = obj(app.spec);
  const source = obj(spec.source);
  const rel = path.relative(ROOT, overlayDir);
  if (source.path !== rel) p.push(`source.path ${source.path}, expected ${rel}`);
  else if (!findKustomization(path.join(ROOT, String(source.path)))) p.push(`source.path ${source.path} has no kustomization`);
  if (!source.repoURL || !source.targetRevision) p.push('source.repoURL and targetRevision are required');
  const dest = obj(spec.destination);
  if (dest.namespace !== NAMESPACE) p.push(`destination.namespace ${dest.namespace}, expected ${NAMESPACE}`);
  if (!dest.server && !dest.name) p.push('destination without a cluster');
  const auto = obj(obj(spec.syncPolicy).automated);
  if (auto.prune !== true || auto.selfHeal !== true) p.push('syncPolicy.automated must prune and selfHeal');
  return p;
}

function checkAll(objects: K8sObject[]): string[] {
  return [...checkKindsAndNames(objects), ...checkLabels(objects), ...checkRbac(objects), ...checkDeployment(objects), ...checkSecrets(objects), ...checkConfig(objects), ...checkServiceAndRoute(objects), ...checkNetworkPolicy(objects)];
}

// ---------------------------------------------------------------- tests

describe('deploy/: files', () => {
  it('every YAML file under deploy/ parses, document by document, without duplicate keys', () => {
    const files = yamlFiles(DEPLOY);
    expect(files.length).toBeGreaterThanOrEqual(15);
    let documents = 0;
    for (const f of files) {
      const docs = parseYamlDocuments(fs.readFileSync(f, 'utf8'), path.relative(ROOT, f));
      expect(docs.length, path.relative(ROOT, f)).toBeGreaterThan(0);
      for (const doc of docs) expect(typeof doc === 'object' && doc !== null, `${f}: a mapping or a list`).toBe(true);
      documents += docs.length;
    }
    expect(documents).toBeGreaterThan(files.length); // network-policy.yaml holds two documents
  });

  it.skipIf(!KUBECTL)(withKubectl('every kustomization renders with kubectl kustomize'), () => {
    const ks = allKustomizations();
    expect(ks.map((f) => path.relative(DEPLOY, f)).sort()).toEqual(KUSTOMIZATIONS);
    // A Component renders only inside an overlay (the example overlay includes it).
    for (const k of ks.filter((f) => !f.includes('/components/'))) expect(kustomize(path.dirname(k)).length).toBeGreaterThan(0);
  });

  it('every YAML file is used by a kustomization (or is the Argo CD Application)', () => {
    const used = new Set([...kustomizationFiles(BASE), ...kustomizationFiles(OVERLAY), APPLICATION]);
    expect(yamlFiles(DEPLOY).filter((f) => !used.has(f)).map((f) => path.relative(ROOT, f))).toEqual([]);
  });
});

describe.skipIf(!KUBECTL).each([
  { name: 'base', dir: BASE, replicas: 1, pinned: false },
  { name: 'overlays/example', dir: OVERLAY, replicas: 2, pinned: true },
])('deploy/kustomize/$name rendered', ({ dir, replicas, pinned }) => {
  it('validates against the published schema of each API (Kubernetes, External Secrets v1, Gateway API v1, Argo CD)', () => {
    expect(schemaProblems(render(dir).objects)).toEqual([]);
  });

  it('has every kind, named after §4.3, in namespace homelab-panel', () => {
    const { objects, generated } = render(dir);
    expect(objects.map((o) => o.kind)).toEqual(expect.arrayContaining(KINDS));
    expect(checkKindsAndNames(objects)).toEqual([]);
    // configMapGenerator: the name gets a content hash (a config change rolls the pods) and the
    // Deployment follows it.
    const cm = generated.get('homelab-panel-config');
    expect(cm).toMatch(/^homelab-panel-config-[a-z0-9]{10}$/);
    expect(arr(podSpec(deployment(objects)).volumes).find((v) => v.name === 'config')?.configMap).toMatchObject({ name: cm });
  });

  it('carries the mandatory labels on every resource and on the pods', () => {
    expect(checkLabels(render(dir).objects)).toEqual([]);
  });

  it('grants read-only access to the cluster, bound to the Deployment service account', () => {
    expect(checkRbac(render(dir).objects)).toEqual([]);
  });

  it('runs the container locked down, with resources and the three probes', () => {
    expect(checkDeployment(render(dir).objects)).toEqual([]);
  });

  it('fetches every Secret key the Deployment uses through the ExternalSecret, and no other', () => {
    expect(checkSecrets(render(dir).objects)).toEqual([]);
  });

  it('homelab.yaml and the env load with server/env.ts, with every secret from a mounted file', () => {
    expect(checkConfig(render(dir).objects)).toEqual([]);
  });

  it('exposes port 3000 as Service port 80, routed by the Gateway for the panel hostname', () => {
    expect(checkServiceAndRoute(render(dir).objects)).toEqual([]);
  });

  it('isolates the pods: ingress from the gateway only, egress DNS, PostgreSQL, APIs and HTTPS', () => {
    expect(checkNetworkPolicy(render(dir).objects)).toEqual([]);
  });

  it(`runs ${replicas} replica(s)${pinned ? ' with a PodDisruptionBudget and a pinned image tag' : ''}`, () => {
    expect(checkReplicas(render(dir).objects, replicas, pinned)).toEqual([]);
  });
});

describe.skipIf(!KUBECTL)(withKubectl('deploy/kustomize/overlays/example specifics'), () => {
  it('mounts the DEV and CLOUD kubeconfigs and fetches them from Bitwarden (JSON patches)', () => {
    const { objects } = render(OVERLAY);
    expect([...referencedSecretKeys(deployment(objects)).get('homelab-panel-secrets')!].sort()).toEqual(
      ['auth-secret', 'database-url', 'github-token', 'keycloak-client-secret', 'kubeconfig-cloud', 'kubeconfig-dev', 'metrics-token', 'proxmox-token-secret', 'vapid-private-key', 'vapid-public-key'],
    );
    expect(container(deployment(objects)).image).toBe(`${IMAGE}:0.1.0`);
  });

  it('lets Prometheus scrape /api/metrics: ServiceMonitor with the metrics token the ExternalSecret fetches', () => {
    const { objects } = render(OVERLAY);
    const sm = one(objects, 'ServiceMonitor');
    const [ep] = arr(obj(sm.spec).endpoints);
    expect(ep).toMatchObject({ port: 'http', path: '/api/metrics', authorization: { type: 'Bearer', credentials: { name: 'homelab-panel-secrets', key: 'metrics-token' } } });
    const es = one(objects, 'ExternalSecret');
    expect(arr(obj(es.spec).data).map((d) => d.secretKey)).toContain('metrics-token');
    expect(container(deployment(objects)).env).toContainEqual({ name: 'METRICS_TOKEN_FILE', value: `${SECRET_DIR}/metrics-token` });
  });
});

describe.skipIf(!KUBECTL)(withKubectl('deploy/argocd: the Application'), () => {
  it('deploys the example overlay in wave 4 with automated prune/selfHeal, and lists the panel itself', () => {
    expect(checkApplication(application(), OVERLAY)).toEqual([]);
    expect(schemaProblems([application()])).toEqual([]);
  });
});

describe.skipIf(!KUBECTL)(withKubectl('the checks catch broken manifests'), () => {
  const overlay = () => render(OVERLAY).objects;

  it('a Secret key that the ExternalSecret does not fetch', () => {
    const objects = overlay();
    const es = one(objects, 'ExternalSecret');
    (es.spec as Obj).data = arr(obj(es.spec).data).filter((e) => e.secretKey !== 'database-url');
    expect(checkSecrets(objects)).toEqual(['Secret homelab-panel-secrets: key database-url is used by the Deployment but not in ExternalSecret homelab-panel-secrets']);
  });

  it('a secretKeyRef to a key nobody fetches, and a Secret mounted whole', () => {
    const objects = overlay();
    const c = container(deployment(objects));
    (c.env as Obj[]).push({ name: 'EXTRA', valueFrom: { secretKeyRef: { name: 'homelab-panel-secrets', key: 'extra' } } });
    c.envFrom = [{ secretRef: { name: 'other-secrets' } }];
    const problems = checkSecrets(objects);
    expect(problems).toContain('Secret homelab-panel-secrets: key extra is used by the Deployment but not in ExternalSecret homelab-panel-secrets');
    expect(problems).toContain('Secret other-secrets: no ExternalSecret creates it');
    expect(checkConfig(objects)).toContain('env EXTRA: valueFrom; secrets are read from files (EXTRA_FILE)');
  });

  it('a write verb or a wildcard in the ClusterRole', () => {
    const objects = overlay();
    const role = one(objects, 'ClusterRole');
    (role.rules as Obj[])[0].verbs = ['get', 'list', 'watch', 'patch'];
    (role.rules as Obj[]).push({ apiGroups: ['*'], resources: ['secrets'], verbs: ['*'] });
    const problems = checkRbac(objects);
    expect(problems).toContain('ClusterRole/homelab-panel-read: verb "patch" on nodes,pods,namespaces,events is not read-only');
    expect(problems).toContain('ClusterRole/homelab-panel-read: verb "*" on secrets is not read-only');
    expect(problems).toContain('ClusterRole/homelab-panel-read: must not grant secrets');
  });

  it('a missing mandatory label', () => {
    const objects = overlay();
    delete one(objects, 'Service').metadata.labels!['app.kubernetes.io/part-of'];
    expect(checkLabels(objects)).toEqual(['Service/homelab-panel: label app.kubernetes.io/part-of is missing, expected homelab']);
  });

  it('a writable root filesystem, a missing probe, a writable non-emptyDir mount', () => {
    const objects = overlay();
    const c = container(deployment(objects));
    (c.securityContext as Obj).readOnlyRootFilesystem = false;
    delete c.startupProbe;
    (c.readinessProbe as Obj).httpGet = { path: '/api/nope', port: 'http' };
    (c.volumeMounts as Obj[]).find((m) => m.name === 'config')!.readOnly = false;
    // `defaultMode: 0440` read by a YAML 1.2 parser is decimal 440 = 0670.
    obj(arr(podSpec(deployment(objects)).volumes).find((v) => v.name === 'secrets')!.secret).defaultMode = 440;
    expect(checkDeployment(objects)).toEqual([
      'readOnlyRootFilesystem is not true',
      'readinessProbe: path /api/nope, expected /api/readyz',
      'readinessProbe: /api/nope has no route handler (app/api/nope/route.ts)',
      'startupProbe: missing (an HTTP probe)',
      'volumeMount /etc/panel: writable and not an emptyDir',
      'volume secrets: secret files must be at most 0440 (defaultMode 440 = 0670)',
    ]);
  });

  it('a secret in homelab.yaml, a kubeconfig that is not mounted, a *_FILE that is not mounted', () => {
    const objects = overlay();
    const cm = one(objects, 'ConfigMap');
    const data = cm.data as Record<string, string>;
    data['homelab.yaml'] = data['homelab.yaml']
      .replace('clientId: homelab-panel', 'clientId: homelab-panel\n  clientSecret: hunter2')
      .replace('/var/run/secrets/panel/kubeconfig-dev', '/var/run/secrets/panel/kubeconfig-elsewhere');
    (container(deployment(objects)).env as Obj[]).find((e) => e.name === 'GITHUB_TOKEN_FILE')!.value = '/etc/github-token';
    const problems = checkConfig(objects);
    expect(problems).toContain('homelab.yaml: auth.clientSecret is a secret; it comes from /var/run/secrets/panel');
    expect(problems).toContain('clusters.dev.kubeconfig: /var/run/secrets/panel/kubeconfig-elsewhere is not a file of the mounted Secret');
    expect(problems).toContain('env GITHUB_TOKEN_FILE: /etc/github-token is not a file of a mounted Secret');
  });

  it('a CA file that is not in the ConfigMap', () => {
    const objects = overlay();
    const data = one(objects, 'ConfigMap').data as Record<string, string>;
    data['homelab.yaml'] = data['homelab.yaml'].replace('  node: pve\n', '  node: pve\n  tls:\n    caFile: /etc/panel/pve-root-ca.pem\n');
    expect(checkConfig(objects)).toEqual(['proxmox.tls.caFile: /etc/panel/pve-root-ca.pem is not mounted']);
    data['pve-root-ca.pem'] = '-----BEGIN CERTIFICATE-----\n';
    expect(checkConfig(objects)).toEqual([]);
  });

  it('a config that server/env.ts refuses', () => {
    const objects = overlay();
    const cm = one(objects, 'ConfigMap');
    const data = cm.data as Record<string, string>;
    data['homelab.yaml'] = data['homelab.yaml'].replace('tokenId: panel@pve!panel', 'tokenId: panel');
    expect(checkConfig(objects).join('\n')).toMatch(/do not load: .*proxmox\.tokenId: expected USER@REALM!TOKENNAME/);
  });

  it('a NetworkPolicy open to every namespace, the Service on the wrong port', () => {
    const objects = overlay();
    const np = one(objects, 'NetworkPolicy');
    (obj(np.spec).ingress as Obj[])[0].from = [{ namespaceSelector: {} }];
    (obj(one(objects, 'Service').spec).ports as Obj[])[0].targetPort = 8080;
    expect(checkNetworkPolicy(objects)).toEqual(['NetworkPolicy: ingress from {"namespaceSelector":{}}, expected only namespaces gateway and monitoring']);
    expect(checkServiceAndRoute(objects)).toEqual(['Service port 80 targets 8080, not 3000']);
  });

  it('one replica in the overlay, an unpinned image, an Application without prune', () => {
    const objects = overlay();
    const d = deployment(objects);
    (d.spec as Obj).replicas = 1;
    container(d).image = `${IMAGE}:latest`;
    expect(checkReplicas(objects, 2, true)).toEqual(['replicas 1, expected 2', `image ${IMAGE}:latest is not pinned to a tag`]);
    const app = application();
    delete obj(obj(app.spec).syncPolicy).automated;
    app.metadata.annotations!['argocd.argoproj.io/sync-wave'] = '0';
    expect(checkApplication(app, OVERLAY)).toEqual(['Application sync-wave 0, expected "4" (applications, §4.2)', 'syncPolicy.automated must prune and selfHeal']);
  });

  it('a kustomization naming a missing file does not render', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kustomize-test-'));
    try {
      fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources:\n  - missing.yaml\n');
      expect(() => kustomize(dir)).toThrow(/kubectl kustomize .* failed: .*missing\.yaml/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an object that its API schema refuses: the removed external-secrets.io/v1beta1, a misspelt field', () => {
    const objects = overlay();
    const es = objects.find((o) => o.kind === 'ExternalSecret')!;
    expect(schemaProblems([{ ...es, apiVersion: 'external-secrets.io/v1beta1' }])).toEqual([
      'ExternalSecret/homelab-panel-secrets (external-secrets.io/v1beta1): no published schema for this apiVersion and kind (not served: use external-secrets.io/v1/ExternalSecret)',
    ]);
    const d = clone(deployment(objects));
    delete podSpec(d).containers;
    expect(schemaProblems([d]).join()).toMatch(/Deployment\/homelab-panel \(apps\/v1\): .*containers/);
    const route = clone(objects.find((o) => o.kind === 'HTTPRoute')!);
    obj(route.spec).hostnames = 'panel.homelab.example';
    expect(schemaProblems([route]).join()).toMatch(/HTTPRoute\/homelab-panel \(gateway\.networking\.k8s\.io\/v1\): .*hostnames/);
  });
});

describe.skipIf(!fs.existsSync(path.join(ROOT, 'Dockerfile')))('the Dockerfile agrees with the Deployment', () => {
  it('runs as uid 1001 from /app on port 3000', () => {
    const text = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    expect(text.split('\n')[0]).toBe('# syntax=docker/dockerfile:1'); // a parser directive only counts on line 1
    expect(text).toMatch(/^ARG NODE_IMAGE=node:24-/m);
    expect(text).toMatch(/^WORKDIR \/app\s*$/m);
    expect(text).toMatch(/1001/);
    expect(text).toMatch(/^USER\s+\S+/m);
  });
});

it.skipIf(!KUBECTL)(withKubectl('the full set of checks passes on the example overlay'), () => {
  expect(checkAll(render(OVERLAY).objects)).toEqual([]);
});

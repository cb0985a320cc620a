// The request handler of one simulated kube-apiserver: faults, bearer-token authn/authz, discovery,
// then get/list/watch (and the few writes the panel may do: delete a pod, patch a node or an app).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Faults } from '../faults';
import { coreVersions, groupList, groupOf, resourceList, versionInfo } from './discovery';
import { notFoundPath, readBody, sendJson, sendStatus } from './http';
import { nodeMetrics, podMetrics } from './metrics';
import type { PodObject } from './objects';
import { mergePatch, jsonPatch, PatchError } from './patch';
import type { KubeObject, ResourceType } from './resources';
import { parseRoute, type ApiRoute } from './routes';
import { fieldMatcher, labelMatcher } from './selectors';
import { itemJsonOf, jsonOf, type KubeStore } from './store';
import { serveWatch, type WatchConn } from './watch';
import type { Workloads } from './workloads';

export type Role = 'admin' | 'read-only';

export interface ServerContext {
  store: KubeStore;
  faults: Faults;
  types: Map<string, ResourceType>;
  groups: { group: string; version: string }[];
  kubeletVersion: string;
  tokens: Map<string, { role: Role; user: string }>;
  drift: boolean;
  workloads: Workloads;
  watches: Set<WatchConn>;
  bookmarkIntervalMs: number;
  reachable: boolean;
  serverAddress(): string;
  /** Lets Argo CD react to a patched Application (a sync `operation`, a refresh annotation). */
  onPatched?(type: ResourceType, obj: KubeObject): void;
}

const PUBLIC = new Set(['/version', '/healthz', '/livez', '/readyz']);
const READ_VERBS = new Set(['get', 'list', 'watch']);

function verbOf(method: string, route: ApiRoute | null, watch: boolean): string {
  switch (method) {
    case 'GET':
    case 'HEAD':
      return !route || route.name ? 'get' : watch ? 'watch' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return route?.name ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

export function createHandler(ctx: ServerContext) {
  return (req: IncomingMessage, res: ServerResponse) => {
    handle(ctx, req, res).catch((err: unknown) => {
      console.error('kube sim: request failed', req.method, req.url, err);
      if (!res.headersSent) sendStatus(res, 500, 'InternalError', `Internal error occurred: ${String(err)}`);
      else res.destroy();
    });
  };
}

async function handle(ctx: ServerContext, req: IncomingMessage, res: ServerResponse) {
  if (!ctx.reachable) {
    req.socket.destroy(); // the VM is off: connection reset, no HTTP answer
    return;
  }
  if (!(await ctx.faults.apply(req, res))) return;
  const url = new URL(req.url ?? '/', 'http://sim');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const method = req.method ?? 'GET';

  if (PUBLIC.has(path)) {
    if (path === '/version') return sendJson(res, 200, versionInfo(ctx.kubeletVersion));
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    return res.end('ok');
  }

  const auth = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  const who = auth ? ctx.tokens.get(auth[1].trim()) : undefined;
  if (!who) return sendStatus(res, 401, 'Unauthorized', 'Unauthorized');

  const parsed = parseRoute(path, ctx.types);
  const route = parsed && 'type' in parsed ? parsed : null;
  const watch = route !== null && (route.legacyWatch || ['true', '1'].includes(url.searchParams.get('watch') ?? ''));
  const verb = verbOf(method, route, watch);
  if (who.role === 'read-only' && !READ_VERBS.has(verb)) {
    const plural = route?.type.plural ?? '';
    const what = route?.name ? `${plural} "${route.name}"` : plural;
    const where = route?.namespace ? ` in the namespace "${route.namespace}"` : '';
    return sendStatus(res, 403, 'Forbidden', `${what} is forbidden: User "${who.user}" cannot ${verb} resource "${plural}" in API group "${route?.type.group ?? ''}"${route?.namespace ? where : route?.type.namespaced === false ? ' at the cluster scope' : where}`, { name: route?.name, group: route?.type.group, kind: plural });
  }

  if (path === '/api') return sendJson(res, 200, coreVersions(ctx.serverAddress()));
  if (path === '/apis') return sendJson(res, 200, groupList(ctx.groups));
  if (!parsed) return notFoundPath(res);
  if ('discovery' in parsed) return discovery(ctx, res, parsed.discovery);
  if (method !== 'GET' && method !== 'HEAD' && !parsed.type.verbs.includes(verb)) {
    return sendStatus(res, 405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`, { kind: parsed.type.plural });
  }
  if (method === 'GET' || method === 'HEAD') return read(ctx, res, parsed, url, watch);
  if (method === 'DELETE' && parsed.type.key === 'v1/pods' && parsed.name && parsed.namespace) return deletePod(ctx, res, parsed.namespace, parsed.name);
  if (method === 'PATCH' && parsed.name) return patch(ctx, req, res, parsed);
  return sendStatus(res, 405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

function discovery(ctx: ServerContext, res: ServerResponse, d: { group: string; version?: string }) {
  const known = d.group === '' ? d.version === 'v1' : ctx.groups.some((g) => g.group === d.group && (!d.version || g.version === d.version));
  if (!known) return notFoundPath(res);
  if (!d.version) return sendJson(res, 200, { kind: 'APIGroup', apiVersion: 'v1', ...groupOf(d.group, ctx.groups.find((g) => g.group === d.group)?.version ?? '') });
  const types = [...ctx.types.values()].filter((t) => t.group === d.group && t.version === d.version);
  return sendJson(res, 200, resourceList(d.group ? `${d.group}/${d.version}` : 'v1', types));
}

function read(ctx: ServerContext, res: ServerResponse, r: ApiRoute, url: URL, watch: boolean) {
  const { type, namespace, name } = r;
  let match;
  try {
    const fm = fieldMatcher(url.searchParams.get('fieldSelector'));
    const lm = labelMatcher(url.searchParams.get('labelSelector'));
    match = (o: KubeObject) => fm(o) && lm(o);
  } catch (err) {
    return sendStatus(res, 400, 'BadRequest', (err as Error).message);
  }
  if (type.computed) {
    if (watch) return sendStatus(res, 405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    const items = (type.plural === 'nodes' ? nodeMetrics(ctx.store, ctx.drift) : podMetrics(ctx.store, ctx.drift, namespace)) as KubeObject[];
    if (name) {
      const one = items.find((o) => o.metadata.name === name);
      return one ? sendJson(res, 200, one) : sendStatus(res, 404, 'NotFound', `${type.plural}.${type.group} "${name}" not found`, { name, group: type.group, kind: type.plural });
    }
    return sendJson(res, 200, { kind: `${type.kind}List`, apiVersion: `${type.group}/${type.version}`, metadata: {}, items: items.filter(match) });
  }
  if (watch) {
    const ts = Number(url.searchParams.get('timeoutSeconds') ?? '');
    // A watch on a single object is a watch with fieldSelector=metadata.name=<name>.
    const m = name ? (o: KubeObject) => o.metadata.name === name && match(o) : match;
    return serveWatch(res, { store: ctx.store, type, namespace, match: m, resourceVersion: url.searchParams.get('resourceVersion'), allowBookmarks: url.searchParams.get('allowWatchBookmarks') === 'true', timeoutSeconds: Number.isFinite(ts) && ts > 0 ? ts : undefined, bookmarkIntervalMs: ctx.bookmarkIntervalMs, registry: ctx.watches });
  }
  if (name) {
    const obj = ctx.store.get(type.key, namespace, name);
    if (!obj) return sendStatus(res, 404, 'NotFound', `${type.plural}${type.group ? `.${type.group}` : ''} "${name}" not found`, { name, group: type.group, kind: type.plural });
    if (r.subresource === 'log' && type.key === 'v1/pods') return podLog(res, obj as PodObject);
    if (r.subresource && r.subresource !== 'status') return notFoundPath(res);
    return sendJson(res, 200, jsonOf(obj));
  }
  return list(ctx, res, type, namespace, match, url);
}

function list(ctx: ServerContext, res: ServerResponse, type: ResourceType, namespace: string | undefined, match: (o: KubeObject) => boolean, url: URL) {
  let items = ctx.store.list(type.key, namespace).filter(match);
  const limit = Number(url.searchParams.get('limit') ?? '0');
  const cont = url.searchParams.get('continue');
  const meta: Record<string, unknown> = { resourceVersion: String(ctx.store.resourceVersion) };
  if (cont) {
    let after: string;
    try {
      after = (JSON.parse(Buffer.from(cont, 'base64url').toString('utf8')) as { start: string }).start;
    } catch {
      return sendStatus(res, 400, 'BadRequest', 'continue key is not valid: illegal base64 data');
    }
    items = items.filter((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}` > after);
  }
  if (limit > 0 && items.length > limit) {
    const last = items[limit - 1];
    meta.continue = Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: ctx.store.resourceVersion, start: `${last.metadata.namespace ?? ''}/${last.metadata.name}` })).toString('base64url');
    meta.remainingItemCount = items.length - limit;
    items = items.slice(0, limit);
  }
  // Built-in types' list items carry no kind/apiVersion on the wire; custom resources' do.
  const body = items.map(type.group === '' ? itemJsonOf : jsonOf).join(',');
  const head = JSON.stringify({ kind: `${type.kind}List`, apiVersion: type.group ? `${type.group}/${type.version}` : 'v1', metadata: meta });
  sendJson(res, 200, `${head.slice(0, -1)},"items":[${body}]}`);
}

function podLog(res: ServerResponse, pod: PodObject) {
  const c = pod.spec.containers[0];
  const start = Date.parse(pod.status.startTime);
  const lines = Array.from({ length: 12 }, (_, i) => `${new Date(start + i * 1500).toISOString()} level=info component=${c.name} msg="${['starting', 'config loaded', 'listening on :8080', 'health check ok'][Math.min(i, 3)]}"`);
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end(`${lines.join('\n')}\n`);
}

function deletePod(ctx: ServerContext, res: ServerResponse, namespace: string, name: string) {
  const pod = ctx.store.get(`v1/pods`, namespace, name);
  if (!pod) return sendStatus(res, 404, 'NotFound', `pods "${name}" not found`, { name, kind: 'pods' });
  ctx.workloads.replacePod(namespace, name);
  sendJson(res, 200, { ...pod, metadata: { ...pod.metadata, deletionTimestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), deletionGracePeriodSeconds: 30 } });
}

async function patch(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, r: ApiRoute) {
  const cur = ctx.store.get(r.type.key, r.namespace, r.name ?? '');
  if (!cur) return sendStatus(res, 404, 'NotFound', `${r.type.plural}${r.type.group ? `.${r.type.group}` : ''} "${r.name}" not found`, { name: r.name, group: r.type.group, kind: r.type.plural });
  const ct = (req.headers['content-type'] ?? '').split(';')[0].trim();
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req));
  } catch {
    return sendStatus(res, 400, 'BadRequest', 'the body of the request was in an unknown format');
  }
  let next: KubeObject;
  try {
    if (ct === 'application/json-patch+json') next = jsonPatch(cur as never, body) as unknown as KubeObject;
    else if (ct === 'application/merge-patch+json' || (ct === 'application/strategic-merge-patch+json' && r.type.group === '')) next = mergePatch(cur as never, body as never) as unknown as KubeObject;
    else return sendStatus(res, 415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json${r.type.group === '' ? ', application/strategic-merge-patch+json' : ''}`);
  } catch (err) {
    if (err instanceof PatchError) return sendStatus(res, 422, 'Invalid', err.message);
    throw err;
  }
  const updated = ctx.store.update(r.type.key, r.namespace, cur.metadata.name, (d) => {
    const keep = d.metadata;
    for (const k of Object.keys(d)) if (!(k in next)) delete d[k];
    Object.assign(d, next, { apiVersion: cur.apiVersion, kind: cur.kind });
    d.metadata = { ...next.metadata, name: keep.name, namespace: keep.namespace, uid: keep.uid, creationTimestamp: keep.creationTimestamp };
  });
  ctx.onPatched?.(r.type, updated);
  sendJson(res, 200, ctx.store.get(r.type.key, r.namespace, cur.metadata.name) ?? updated);
}

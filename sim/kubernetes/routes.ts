// Maps an API path to (resource type, namespace, name, subresource), the way kube-apiserver's
// RESTful paths are laid out: /api/v1/..., /apis/<group>/<version>/..., optional legacy /watch/.
import type { ResourceType } from './resources';
import { typeKey } from './resources';

export interface ApiRoute {
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
  legacyWatch: boolean;
}

export type RouteResult = ApiRoute | { discovery: { group: string; version?: string } } | null;

export function parseRoute(pathname: string, types: Map<string, ResourceType>): RouteResult {
  const seg = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (seg[0] === 'api' && seg[1] === 'v1') {
    group = '';
    version = 'v1';
    rest = seg.slice(2);
  } else if (seg[0] === 'apis' && seg.length >= 2) {
    group = seg[1];
    if (seg.length === 2) return { discovery: { group } };
    version = seg[2];
    rest = seg.slice(3);
  } else return null;
  if (rest.length === 0) return { discovery: { group, version } };

  let legacyWatch = false;
  if (rest[0] === 'watch') {
    legacyWatch = true;
    rest = rest.slice(1);
  }
  const lookup = (plural: string) => types.get(typeKey(group, version, plural));

  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const t = lookup(rest[2]);
    if (t?.namespaced) {
      if (rest.length > 5) return null;
      return { type: t, namespace: rest[1], name: rest[3], subresource: rest[4], legacyWatch };
    }
  }
  const t = lookup(rest[0]);
  if (!t || rest.length > 3) return null;
  // A namespaced type has no cluster-scoped get: /api/v1/pods/<name> does not exist.
  if (t.namespaced && rest.length > 1) return null;
  return { type: t, name: rest[1], subresource: rest[2], legacyWatch };
}

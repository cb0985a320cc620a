// The resource types the simulator serves, described once: routing, discovery documents and the
// store all read this table, so a resource added here is listable, watchable and discoverable.

export interface ResourceType {
  /** Store key, e.g. "v1/pods", "argoproj.io/v1alpha1/applications". */
  key: string;
  group: string; // '' for the core group
  version: string;
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames?: string[];
  /** Served by computing on request (metrics.k8s.io): no store, no watch, like metrics-server. */
  computed?: boolean;
}

const READ = ['get', 'list', 'watch'];

export const CORE_TYPES: ResourceType[] = [
  { key: 'v1/nodes', group: '', version: 'v1', plural: 'nodes', singular: 'node', kind: 'Node', namespaced: false, verbs: [...READ, 'patch'], shortNames: ['no'] },
  { key: 'v1/namespaces', group: '', version: 'v1', plural: 'namespaces', singular: 'namespace', kind: 'Namespace', namespaced: false, verbs: READ, shortNames: ['ns'] },
  { key: 'v1/pods', group: '', version: 'v1', plural: 'pods', singular: 'pod', kind: 'Pod', namespaced: true, verbs: [...READ, 'delete'], shortNames: ['po'] },
  { key: 'v1/events', group: '', version: 'v1', plural: 'events', singular: 'event', kind: 'Event', namespaced: true, verbs: READ, shortNames: ['ev'] },
];

export const METRICS_TYPES: ResourceType[] = [
  { key: 'metrics.k8s.io/v1beta1/nodes', group: 'metrics.k8s.io', version: 'v1beta1', plural: 'nodes', singular: '', kind: 'NodeMetrics', namespaced: false, verbs: ['get', 'list'], computed: true },
  { key: 'metrics.k8s.io/v1beta1/pods', group: 'metrics.k8s.io', version: 'v1beta1', plural: 'pods', singular: '', kind: 'PodMetrics', namespaced: true, verbs: ['get', 'list'], computed: true },
];

export const ARGO_TYPES: ResourceType[] = [
  { key: 'argoproj.io/v1alpha1/applications', group: 'argoproj.io', version: 'v1alpha1', plural: 'applications', singular: 'application', kind: 'Application', namespaced: true, verbs: [...READ, 'patch'], shortNames: ['app', 'apps'] },
];

export const APPLICATIONS = ARGO_TYPES[0];

export function typeKey(group: string, version: string, plural: string): string {
  return group ? `${group}/${version}/${plural}` : `${version}/${plural}`;
}

/** The wire shape every stored object has; the rest of the fields are free-form JSON. */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion?: string;
  creationTimestamp: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: unknown[];
  [k: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [k: string]: unknown;
}

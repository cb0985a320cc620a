// Ingresses (networking.k8s.io/v1, every cluster) and Gateway API HTTPRoutes
// (gateway.networking.k8s.io/v1, clusters with `gatewayApi`), the objects Homepage reads its
// `gethomepage.dev/*` annotations from. Seeded for the catalogue's services with `homepageOn`.
import { HOMEPAGE_ANNOTATIONS } from '../../lib/live/annotations';
import type { Catalogue, CatalogueCluster, CatalogueService } from './catalogue';
import { servicesOn } from './catalogue';
import type { KubeObject, ResourceType } from './resources';
import type { KubeStore } from './store';

const READ = ['get', 'list', 'watch'];

export const INGRESSES: ResourceType = { key: 'networking.k8s.io/v1/ingresses', group: 'networking.k8s.io', version: 'v1', plural: 'ingresses', singular: 'ingress', kind: 'Ingress', namespaced: true, verbs: READ, shortNames: ['ing'] };
export const HTTPROUTES: ResourceType = { key: 'gateway.networking.k8s.io/v1/httproutes', group: 'gateway.networking.k8s.io', version: 'v1', plural: 'httproutes', singular: 'httproute', kind: 'HTTPRoute', namespaced: true, verbs: READ };

const hostOf = (url: string) => new URL(url).host;

function homepageAnnotations(svc: CatalogueService): Record<string, string> {
  return {
    [HOMEPAGE_ANNOTATIONS.enabled]: String(svc.audience === 'family'),
    [HOMEPAGE_ANNOTATIONS.name]: svc.displayName,
    [HOMEPAGE_ANNOTATIONS.description]: svc.description,
    [HOMEPAGE_ANNOTATIONS.icon]: svc.icon,
    ...(svc.group ? { [HOMEPAGE_ANNOTATIONS.group]: svc.group } : {}),
  };
}

const meta = (svc: CatalogueService, createdAt: string, extra: { labels?: Record<string, string>; annotations?: Record<string, string> }) => ({
  name: svc.name,
  namespace: svc.namespace,
  uid: '',
  creationTimestamp: createdAt,
  labels: { 'app.kubernetes.io/name': svc.name, ...extra.labels },
  annotations: { ...homepageAnnotations(svc), ...extra.annotations },
});

/** An Ingress as Argo CD's label tracking leaves it: `app.kubernetes.io/instance: <application>`. */
export function buildIngress(svc: CatalogueService, cluster: string, createdAt: string): KubeObject {
  const host = hostOf(svc.url ?? `https://${svc.name}.invalid`);
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: meta(svc, createdAt, { labels: { 'app.kubernetes.io/instance': `${svc.name}-${cluster}` } }),
    spec: {
      ingressClassName: 'cilium',
      tls: [{ hosts: [host], secretName: `${svc.name}-tls` }],
      rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: svc.name, port: { number: 80 } } } }] } }],
    },
    status: { loadBalancer: { ingress: [{ ip: '192.168.1.240' }] } },
  };
}

/** An HTTPRoute as Argo CD 3's annotation tracking leaves it: `argocd.argoproj.io/tracking-id`. */
export function buildHttpRoute(svc: CatalogueService, cluster: string, createdAt: string): KubeObject {
  const parent = { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gateway', namespace: 'gateway', sectionName: 'https' };
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: meta(svc, createdAt, { annotations: { 'argocd.argoproj.io/tracking-id': `${svc.name}-${cluster}:gateway.networking.k8s.io/HTTPRoute:${svc.namespace}/${svc.name}` } }),
    spec: {
      parentRefs: [parent],
      hostnames: [hostOf(svc.url ?? `https://${svc.name}.invalid`)],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ group: '', kind: 'Service', name: svc.name, port: 80, weight: 1 }] }],
    },
    status: { parents: [{ parentRef: parent, controllerName: 'io.cilium/gateway-controller', conditions: [{ type: 'Accepted', status: 'True', reason: 'Accepted', message: 'Accepted HTTPRoute', lastTransitionTime: createdAt }] }] },
  };
}

/** The routes of the services deployed on this cluster; an HTTPRoute only where the Gateway API is. */
export function seedRoutes(store: KubeStore, catalogue: Catalogue, cluster: CatalogueCluster, createdAt: string): void {
  for (const { svc } of servicesOn(catalogue, cluster.name)) {
    if (svc.homepageOn === 'Ingress') store.create(INGRESSES.key, buildIngress(svc, cluster.name, createdAt));
    if (svc.homepageOn === 'HTTPRoute' && cluster.gatewayApi) store.create(HTTPROUTES.key, buildHttpRoute(svc, cluster.name, createdAt));
  }
}

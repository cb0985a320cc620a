// Homepage's annotations on an Ingress or a Gateway API HTTPRoute, tied to the Argo CD Application
// that deployed the route (docs/coming-from-homepage.md). Pure: the store calls it on every read.
import type { AppDto } from './types';

/** What the panel keeps of a route carrying `gethomepage.dev/enabled: "true"`. */
export interface RouteMeta {
  kind: 'Ingress' | 'HTTPRoute';
  namespace: string;
  name: string;
  /** The Application that deployed it, as Argo CD marks its resources; null when unmarked. */
  app: string | null;
  /** Its `gethomepage.dev/*` annotations, nothing else. */
  homepage: Record<string, string>;
  /** Homepage's default href: scheme, the first host and the first path. */
  href: string | null;
}

/** An Application as the store keeps it: its tile annotations stay server-side, for the merge. */
export interface LiveApp extends AppDto {
  tileAnnotations: Record<string, string>;
}

export const routeKey = (r: Pick<RouteMeta, 'kind' | 'namespace' | 'name'>) => `${r.kind}/${r.namespace}/${r.name}`;

export const sameRoute = (a: RouteMeta, b: RouteMeta) => a.app === b.app && a.href === b.href && JSON.stringify(a.homepage) === JSON.stringify(b.homepage);

const TRACKING_ID = 'argocd.argoproj.io/tracking-id';
const INSTANCE_LABELS = ['argocd.argoproj.io/instance', 'app.kubernetes.io/instance'];

/**
 * The Application name Argo CD wrote on a resource it deployed: the tracking-id annotation
 * (`<app>:<group>/<kind>:<ns>/<name>`, Argo CD 3's default), else the instance label (label tracking,
 * `application.instanceLabelKey`, or Helm's release name, which defaults to the Application's).
 */
export function trackedApp(labels: Record<string, string>, annotations: Record<string, string>): string | null {
  const id = annotations[TRACKING_ID];
  if (id && id.includes(':')) return id.slice(0, id.indexOf(':'));
  for (const k of INSTANCE_LABELS) if (labels[k]) return labels[k];
  return null;
}

/**
 * The route that gives an Application its Homepage tile, among one cluster's routes: the routes
 * marked with its name (`<app>` or `<app-namespace>_<app>`, the apps-in-any-namespace form), else
 * those of its destination namespace when it is the only Application deploying there. Several
 * match: the first by kind (Ingress first, like Homepage lists them), namespace and name.
 */
export function routeForApp(app: AppDto, routes: readonly RouteMeta[], appsOnCluster: readonly AppDto[]): RouteMeta | null {
  const names = new Set([app.name, `${app.appNamespace}_${app.name}`]);
  const known = new Set(appsOnCluster.flatMap((a) => [a.name, `${a.appNamespace}_${a.name}`]));
  let match = routes.filter((r) => r.app !== null && names.has(r.app));
  if (match.length === 0 && appsOnCluster.filter((a) => a.namespace === app.namespace).length === 1) {
    match = routes.filter((r) => r.namespace === app.namespace && (r.app === null || !known.has(r.app)));
  }
  if (match.length === 0) return null;
  return [...match].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'Ingress' ? -1 : 1) || routeKey(a).localeCompare(routeKey(b)))[0];
}

/** The annotations a tile is read from: the Application's own first, then the route's, then its host. */
export function tileAnnotations(app: Record<string, string>, route: RouteMeta | null): Record<string, string> {
  if (!route) return app;
  return { ...(route.href ? { 'gethomepage.dev/href': route.href } : {}), ...route.homepage, ...app };
}

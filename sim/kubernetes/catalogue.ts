// The shape of a homelab the Kubernetes simulator can serve. The seed catalogue (sim/seed/catalogue.ts)
// fits it as is; scale mode (./scale.ts) generates a big synthetic one with the same shape, so one
// server implementation serves both.
import { CLUSTERS, INFRA, SERVICES } from '../seed/catalogue';
import type { SimNode } from '../seed/catalogue';

export interface CatalogueCluster {
  name: string;
  running: { talosVersion: string; kubeletVersion: string };
  nodes: readonly SimNode[];
  /** Serves gateway.networking.k8s.io/v1 HTTPRoutes (the Gateway API CRDs are installed). */
  gatewayApi?: boolean;
}

export interface CatalogueService {
  name: string;
  displayName: string;
  basePath: string;
  namespace: string;
  clusters: readonly string[];
  image: string;
  tags: Partial<Record<string, string>>;
  chart?: { name: string; repo: string; versions: Partial<Record<string, string>> };
  memoryMiB: number;
  audience: string;
  authTier: number;
  url?: string;
  icon: string;
  description: string;
  syncWave: number;
  group?: string;
  /** Annotated with Homepage's gethomepage.dev/* instead of the panel's annotations. */
  homepage?: boolean;
  /** Homepage annotations on its Ingress / HTTPRoute instead of the Application (sim/seed/catalogue.ts). */
  homepageOn?: 'Ingress' | 'HTTPRoute';
}

export interface CatalogueInfra {
  name: string;
  namespace: string;
  syncWave: number;
  clusters: readonly string[];
}

export interface Catalogue {
  clusters: readonly CatalogueCluster[];
  services: readonly CatalogueService[];
  infra: readonly CatalogueInfra[];
  /** The cluster whose API serves the Argo CD Applications (namespace `argocd`). */
  argocdCluster: string;
}

/** The owner's homelab (architecture §3, §5): dev, prod, cloud; Argo CD runs on prod. */
export const SEED_CATALOGUE: Catalogue = {
  clusters: CLUSTERS,
  services: SERVICES,
  infra: INFRA,
  argocdCluster: 'prod',
};

export function findCluster(catalogue: Catalogue, name: string): CatalogueCluster {
  const c = catalogue.clusters.find((x) => x.name === name);
  if (!c) throw new Error(`unknown cluster "${name}" (catalogue has ${catalogue.clusters.map((x) => x.name).join(', ')})`);
  return c;
}

/** Services whose overlay deploys them on this cluster, with the image tag of that overlay. */
export function servicesOn(catalogue: Catalogue, cluster: string): { svc: CatalogueService; tag: string }[] {
  const out: { svc: CatalogueService; tag: string }[] = [];
  for (const svc of catalogue.services) {
    if (!svc.clusters.includes(cluster)) continue;
    out.push({ svc, tag: svc.tags[cluster] ?? 'latest' });
  }
  return out;
}

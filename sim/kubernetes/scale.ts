// Scale mode: a synthetic homelab of N clusters × M applications × K nodes, in the same Catalogue
// shape as the seed, so the very same servers (and Argo CD) serve it. M services are deployed on
// every cluster, which gives N×M Applications on the Argo CD cluster (20 × 400 = 8000).
import type { SimNode } from '../seed/catalogue';
import type { Catalogue, CatalogueCluster, CatalogueService } from './catalogue';
import { hash32 } from './util';

export interface ScaleOptions {
  clusters: number;
  appsPerCluster: number;
  nodesPerCluster: number;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export function scaleCatalogue(o: ScaleOptions): Catalogue {
  if (o.clusters < 1 || o.appsPerCluster < 0 || o.nodesPerCluster < 1) throw new Error('scaleCatalogue: clusters and nodesPerCluster must be ≥ 1');
  const clusterNames = Array.from({ length: o.clusters }, (_, i) => `cluster-${pad(i + 1, 2)}`);
  const cpCount = o.nodesPerCluster >= 10 ? 3 : 1;
  const clusters: CatalogueCluster[] = clusterNames.map((name, ci) => {
    const nodes: SimNode[] = Array.from({ length: o.nodesPerCluster }, (_, i) => {
      const cp = i < cpCount;
      const single = o.nodesPerCluster === 1;
      return {
        name: `${name}-${cp ? 'cp' : 'worker'}-${pad(cp ? i + 1 : i - cpCount + 1, 3)}`,
        role: single ? 'control-plane,worker' : cp ? 'control-plane' : 'worker',
        cpu: cp ? 4 : 8,
        memoryGiB: cp ? 8 : 32,
        diskGiB: cp ? 100 : 500,
      };
    });
    // A few clusters lag one patch release behind, so version views have something to show.
    const lag = ci % 5 === 4;
    return { name, running: { talosVersion: lag ? 'v1.9.2' : 'v1.9.3', kubeletVersion: lag ? 'v1.32.0' : 'v1.32.1' }, nodes };
  });
  const namespaces = Math.max(1, Math.min(20, Math.ceil(o.appsPerCluster / 20)));
  const services: CatalogueService[] = Array.from({ length: o.appsPerCluster }, (_, i) => {
    const name = `app-${pad(i + 1, 4)}`;
    const h = hash32(name);
    const tags: Record<string, string> = {};
    for (const [ci, c] of clusterNames.entries()) tags[c] = `1.${h % 10}.${(h >>> 4) % 20 + (ci === 0 ? 1 : 0)}`;
    return {
      name,
      displayName: `App ${i + 1}`,
      basePath: `apps/scale/${name}`,
      namespace: `team-${pad((i % namespaces) + 1, 2)}`,
      clusters: clusterNames,
      image: `registry.homelab.example/scale/${name}`,
      tags,
      memoryMiB: 64 * (1 + (h % 8)),
      audience: h % 3 === 0 ? 'family' : 'admin',
      authTier: h % 3,
      url: `https://${name}.scale.homelab.example`,
      icon: 'box',
      description: `Synthetic application ${i + 1}`,
      syncWave: 4,
    };
  });
  return {
    clusters,
    services,
    infra: [{ name: 'cilium', namespace: 'kube-system', syncWave: 0, clusters: clusterNames }, { name: 'cert-manager', namespace: 'cert-manager', syncWave: 0, clusters: clusterNames }],
    argocdCluster: clusterNames[0],
  };
}

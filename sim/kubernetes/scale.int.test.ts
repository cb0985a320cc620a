// Scale mode: 20 clusters × 400 apps × 50 nodes served by the same servers; the Argo CD cluster
// lists 8000 Applications through the real client (no timing assertions, just that it works).
import { CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { fakeRepo } from '../argocd/test/fake-repo';
import { scaleCatalogue } from './scale';
import { kubeconfig, sim } from './test/helpers';

describe('kube sim: scale mode', () => {
  it('serves 8000 Applications and a 50-node cluster', async () => {
    const catalogue = scaleCatalogue({ clusters: 20, appsPerCluster: 400, nodesPerCluster: 50 });
    const s = await sim({ cluster: catalogue.argocdCluster, catalogue, argocd: { repo: fakeRepo({}), syncDelayMs: 100 } });
    const kc = kubeconfig(s);
    const apps = (await kc.makeApiClient(CustomObjectsApi).listNamespacedCustomObject({ group: 'argoproj.io', version: 'v1alpha1', namespace: 'argocd', plural: 'applications' })) as { items: { metadata: { name: string }; spec: { destination: { name: string } } }[] };
    const infra = catalogue.infra.reduce((n, i) => n + i.clusters.length, 0);
    expect(apps.items).toHaveLength(20 * 400 + infra);
    expect(new Set(apps.items.map((a) => a.spec.destination.name)).size).toBe(20);
    const core = kc.makeApiClient(CoreV1Api);
    expect((await core.listNode()).items).toHaveLength(50);
    expect((await core.listPodForAllNamespaces()).items.length).toBeGreaterThan(400);
    const page = await core.listPodForAllNamespaces({ limit: 100 });
    expect(page.items).toHaveLength(100);
    expect(page.metadata?._continue).toBeTruthy();
    const next = await core.listPodForAllNamespaces({ limit: 100, _continue: page.metadata!._continue });
    expect(next.items[0].metadata?.name).not.toBe(page.items[0].metadata?.name);
  });
});

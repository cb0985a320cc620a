// Contract tests: the real @kubernetes/client-node against the simulated API server.
import { ApiException, CoreV1Api, CustomObjectsApi, KubeConfig, Metrics, VersionApi } from '@kubernetes/client-node';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fakeRepo, catalogueFiles } from '../argocd/test/fake-repo';
import { CLUSTERS, SERVICES, ANNOTATIONS } from '../seed/catalogue';
import { SEED_CATALOGUE } from './catalogue';
import { fetchTrusting } from '../tls';
import { kubeconfig, sim, until } from './test/helpers';

interface ArgoApp {
  metadata: { name: string; annotations: Record<string, string> };
  spec: { destination: { name: string }; source: Record<string, string> };
  status: { sync: { status: string; revision: string }; health: { status: string }; summary: { images: string[] }; operationState: { phase: string }; reconciledAt: string };
}

describe('kube sim: client-node contract', () => {
  it('writes a kubeconfig client-node loads, and serves /version from the catalogue', async () => {
    const s = await sim({ cluster: 'prod' });
    const doc = parse(readFileSync(s.kubeconfigPath, 'utf8'));
    expect(doc.clusters[0].cluster).toEqual({ server: s.url, 'certificate-authority-data': Buffer.from(s.ca).toString('base64') });
    expect(doc['current-context']).toBe('prod');
    const kc = kubeconfig(s);
    expect(kc.getCurrentContext()).toBe('prod');
    const v = await kc.makeApiClient(VersionApi).getCode();
    expect(v.gitVersion).toBe(CLUSTERS.find((c) => c.name === 'prod')!.running.kubeletVersion);
  });

  it('lists Talos nodes with catalogue sizes, versions and roles', async () => {
    const s = await sim({ cluster: 'prod' });
    const core = kubeconfig(s).makeApiClient(CoreV1Api);
    const list = await core.listNode();
    const seed = CLUSTERS.find((c) => c.name === 'prod')!;
    expect(list.metadata?.resourceVersion).toMatch(/^\d+$/);
    expect(list.items.map((n) => n.metadata?.name)).toEqual(seed.nodes.map((n) => n.name).sort());
    for (const n of list.items) {
      const want = seed.nodes.find((x) => x.name === n.metadata?.name)!;
      expect(n.status?.nodeInfo?.osImage).toBe(`Talos (${seed.running.talosVersion})`);
      expect(n.status?.nodeInfo?.kubeletVersion).toBe(seed.running.kubeletVersion);
      expect(n.status?.nodeInfo?.containerRuntimeVersion).toMatch(/^containerd:\/\//);
      expect(n.status?.capacity?.cpu).toBe(String(want.cpu));
      const memKi = Number(n.status?.capacity?.memory?.replace('Ki', ''));
      expect(memKi / 1024 / 1024).toBeCloseTo(want.memoryGiB, 0);
      expect(n.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
      expect('node-role.kubernetes.io/control-plane' in (n.metadata?.labels ?? {})).toBe(want.role.includes('control-plane'));
    }
  });

  it('lists pods of every service deployed on the cluster, with catalogue image:tag', async () => {
    const s = await sim({ cluster: 'cloud' });
    const core = kubeconfig(s).makeApiClient(CoreV1Api);
    const pods = await core.listPodForAllNamespaces();
    for (const svc of SERVICES.filter((x) => x.clusters.includes('cloud'))) {
      const pod = pods.items.find((p) => p.metadata?.labels?.['app.kubernetes.io/name'] === svc.name);
      expect(pod, svc.name).toBeDefined();
      expect(pod!.metadata?.namespace).toBe(svc.namespace);
      expect(pod!.spec?.containers[0].image).toBe(`${svc.image}:${svc.tags.cloud}`);
      expect(pod!.spec?.containers[0].resources?.limits?.memory).toBe(`${svc.memoryMiB}Mi`);
      expect(typeof pod!.status?.containerStatuses?.[0].restartCount).toBe('number');
    }
    expect(pods.items.some((p) => p.metadata?.namespace === 'kube-system')).toBe(true);
    expect(pods.items.some((p) => p.metadata?.labels?.['app.kubernetes.io/name'] === 'komga')).toBe(false); // komga is dev/prod only
    const inNs = await core.listNamespacedPod({ namespace: 'media' });
    expect(inNs.items.every((p) => p.metadata?.namespace === 'media')).toBe(true);
    const one = await core.readNamespacedPod({ namespace: 'media', name: inNs.items[0].metadata!.name! });
    expect(one.metadata?.uid).toBe(inNs.items[0].metadata?.uid);
    const byName = await core.listPodForAllNamespaces({ fieldSelector: `metadata.name=${one.metadata!.name}` });
    expect(byName.items).toHaveLength(1);
    const ns = await core.listNamespace();
    expect(ns.items.map((n) => n.metadata?.name)).toEqual(expect.arrayContaining(['media', 'critical', 'kube-system']));
    const events = await core.listEventForAllNamespaces();
    expect(events.items.some((e) => e.type === 'Warning' && e.reason === 'BackOff')).toBe(true);
  });

  it('serves metrics.k8s.io for nodes and pods (custom objects and the Metrics helper)', async () => {
    const s = await sim({ cluster: 'prod', drift: true });
    const kc = kubeconfig(s);
    const custom = kc.makeApiClient(CustomObjectsApi);
    const nodes = (await custom.listClusterCustomObject({ group: 'metrics.k8s.io', version: 'v1beta1', plural: 'nodes' })) as { items: { metadata: { name: string }; usage: { cpu: string; memory: string } }[] };
    expect(nodes.items.map((n) => n.metadata.name).sort()).toEqual(['talos-prod-cp', 'talos-prod-worker-1']);
    for (const n of nodes.items) {
      expect(n.usage.cpu).toMatch(/^\d+n$/);
      expect(n.usage.memory).toMatch(/^\d+Ki$/);
    }
    const pm = await new Metrics(kc).getPodMetrics('home');
    expect(pm.items.length).toBeGreaterThan(0);
    expect(pm.items[0].containers[0].usage.memory).toMatch(/Ki$/);
    const nm = await new Metrics(kc).getNodeMetrics();
    expect(nm.items).toHaveLength(2);
  });

  it('answers 401 without a valid token and 403 for a verb the token lacks', async () => {
    const s = await sim({ cluster: 'dev' });
    const kc = new KubeConfig();
    kc.loadFromClusterAndUser({ name: 'dev', server: s.url, skipTLSVerify: true }, { name: 'nobody', token: 'wrong' });
    const err401 = await kc.makeApiClient(CoreV1Api).listNode().catch((e: unknown) => e);
    expect(err401).toBeInstanceOf(ApiException);
    expect((err401 as ApiException<string>).code).toBe(401);
    // client-node drops 401 bodies; check the Status the server sends with plain fetch.
    const noAuth = await fetchTrusting(s.ca)(`${s.url}/api/v1/pods`);
    expect(noAuth.status).toBe(401);
    expect(await noAuth.json()).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Unauthorized', code: 401 });
    expect((await fetchTrusting(s.ca)(`${s.url}/version`)).status).toBe(200); // public, like system:public-info-viewer

    const ro = kubeconfig(s, true).makeApiClient(CoreV1Api);
    const pods = await ro.listPodForAllNamespaces();
    const victim = pods.items.find((p) => p.metadata?.namespace === 'home')!;
    const err403 = await ro.deleteNamespacedPod({ namespace: 'home', name: victim.metadata!.name! }).catch((e: unknown) => e);
    expect((err403 as ApiException<string>).code).toBe(403);
    expect(JSON.parse((err403 as ApiException<string>).body)).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Forbidden', code: 403, details: { name: victim.metadata!.name, kind: 'pods' } });
    // The admin token may delete: the ReplicaSet replaces the pod.
    await kubeconfig(s).makeApiClient(CoreV1Api).deleteNamespacedPod({ namespace: 'home', name: victim.metadata!.name! });
    const after = await ro.listNamespacedPod({ namespace: 'home' });
    expect(after.items.some((p) => p.metadata?.name === victim.metadata?.name)).toBe(false);
    expect(after.items.filter((p) => p.metadata?.labels?.['app.kubernetes.io/name'] === victim.metadata?.labels?.['app.kubernetes.io/name'])).toHaveLength(1);
  });

  it('serves discovery documents', async () => {
    const s = await sim({ cluster: 'dev' });
    const get = async (p: string) => (await fetchTrusting(s.ca)(`${s.url}${p}`, { headers: { authorization: `Bearer ${s.token}` } })).json();
    expect((await get('/api')).versions).toEqual(['v1']);
    const v1 = await get('/api/v1');
    expect(v1.resources.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['nodes', 'pods', 'namespaces', 'events', 'pods/log']));
    const groups = await get('/apis');
    expect(groups.groups.map((g: { name: string }) => g.name)).toEqual(['metrics.k8s.io', 'networking.k8s.io']); // no Argo CD, no Gateway API on dev
    expect((await fetchTrusting(s.ca)(`${s.url}/apis/argoproj.io/v1alpha1`, { headers: { authorization: `Bearer ${s.token}` } })).status).toBe(404);
    expect((await fetchTrusting(s.ca)(`${s.url}/apis/gateway.networking.k8s.io/v1/httproutes`, { headers: { authorization: `Bearer ${s.token}` } })).status).toBe(404);
    const ingresses = await get('/apis/networking.k8s.io/v1/ingresses');
    expect(ingresses.items.map((i: { metadata: { namespace: string; name: string } }) => `${i.metadata.namespace}/${i.metadata.name}`)).toEqual(['home/romm']);
  });

  it('lists Argo CD Applications on prod with destinations, annotations and status', async () => {
    const repo = fakeRepo(catalogueFiles(SEED_CATALOGUE));
    const s = await sim({ cluster: 'prod', argocd: { repo, syncDelayMs: 50 } });
    const custom = kubeconfig(s).makeApiClient(CustomObjectsApi);
    const apps = (await custom.listNamespacedCustomObject({ group: 'argoproj.io', version: 'v1alpha1', namespace: 'argocd', plural: 'applications' })) as { items: ArgoApp[] };
    const head = await repo.head();
    const pairs = SERVICES.flatMap((svc) => svc.clusters.map((c) => `${svc.name}-${c}`));
    expect(apps.items.map((a) => a.metadata.name)).toEqual(expect.arrayContaining(pairs));
    expect(apps.items.some((a) => a.metadata.name === 'cilium-cloud')).toBe(true);
    const komga = apps.items.find((a) => a.metadata.name === 'komga-dev')!;
    expect(komga.spec.destination.name).toBe('dev');
    expect(komga.spec.source).toMatchObject({ path: 'kubernetes/overlays/dev/komga', targetRevision: 'main' });
    expect(komga.metadata.annotations[ANNOTATIONS.url]).toBe('https://komga.home.arpa');
    expect(komga.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('4');
    expect(komga.status.sync).toMatchObject({ status: 'Synced', revision: head });
    expect(komga.status.health.status).toBe('Healthy');
    expect(komga.status.summary.images).toEqual(['gotson/komga:1.16.0']);
    expect(komga.status.operationState.phase).toBe('Succeeded');
    expect(komga.status.reconciledAt).toBeTruthy();
    const one = (await custom.getNamespacedCustomObject({ group: 'argoproj.io', version: 'v1alpha1', namespace: 'argocd', plural: 'applications', name: 'vaultwarden-cloud' })) as { spec: { destination: { name: string } } };
    expect(one.spec.destination.name).toBe('cloud');
  });

  it('drift restarts flaky pods and moves usage; faults apply to every request', async () => {
    const s = await sim({ cluster: 'cloud', drift: true, driftIntervalMs: 10 });
    const kc = kubeconfig(s);
    const restarts = () => s.store.list<import('./objects').PodObject>('v1/pods').reduce((n, p) => n + p.status.containerStatuses[0].restartCount, 0);
    const before = restarts();
    await until(() => restarts() > before, 5000, 'a drift restart');
    s.setDrift(false);

    s.faults.set({ errorRate: 1, errorStatus: 503 });
    const err = await kc.makeApiClient(CoreV1Api).listNode().catch((e: unknown) => e);
    expect((err as ApiException<unknown>).code).toBe(503);
    s.faults.reset();
    expect((await kc.makeApiClient(CoreV1Api).listNode()).items).toHaveLength(2);
  });
});

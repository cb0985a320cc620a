// Argo CD behaviour: a push that changes an overlay's image tag takes the Application through
// OutOfSync → Progressing → Synced/Healthy at the new revision (Degraded for a bad version), observed
// through client-node like the panel would, and rolls the destination cluster's pods.
import { CoreV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions, Watch } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { SEED_CATALOGUE } from '../kubernetes/catalogue';
import { kubeconfig, sim, until } from '../kubernetes/test/helpers';
import { BadImages } from './bad-images';
import { catalogueFiles, fakeRepo } from './test/fake-repo';

interface App {
  metadata: { name: string; resourceVersion: string };
  status: { sync: { status: string; revision: string }; health: { status: string; message?: string }; summary: { images?: string[] }; operationState: { phase: string; finishedAt?: string; syncResult?: { revision: string } } };
}

const APPS = { group: 'argoproj.io', version: 'v1alpha1', namespace: 'argocd', plural: 'applications' };

async function homelab(opts: { bad?: string } = {}) {
  const badImages = new BadImages();
  if (opts.bad) badImages.mark(opts.bad);
  const repo = fakeRepo(catalogueFiles(SEED_CATALOGUE));
  const dev = await sim({ cluster: 'dev', badImages });
  const prod = await sim({ cluster: 'prod', badImages, argocd: { repo, syncDelayMs: 150, progressMs: 150, clusters: [dev] } });
  const kc = kubeconfig(prod);
  const custom = kc.makeApiClient(CustomObjectsApi);
  const getApp = async (name: string) => (await custom.getNamespacedCustomObject({ ...APPS, name })) as App;
  return { repo, dev, prod, kc, custom, getApp };
}

describe('argo cd sim', () => {
  it('a dev tag bump: komga-dev goes OutOfSync → Progressing → Synced/Healthy at the new revision', async () => {
    const { repo, dev, kc, custom, getApp } = await homelab();
    const list = (await custom.listNamespacedCustomObject(APPS)) as { metadata: { resourceVersion: string } };
    const seen: { sync: string; health: string; phase: string; revision: string }[] = [];
    const ctl = await new Watch(kc).watch(
      '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications',
      { resourceVersion: list.metadata.resourceVersion, fieldSelector: 'metadata.name=komga-dev' },
      (type, obj: App) => {
        if (type === 'MODIFIED') seen.push({ sync: obj.status.sync.status, health: obj.status.health.status, phase: obj.status.operationState.phase, revision: obj.status.sync.revision });
      },
      () => {},
    );
    const before = await repo.head();
    const after = await repo.bumpTag('dev', 'komga', 'gotson/komga', '1.17.0');

    const synced = await until(async () => {
      const a = await getApp('komga-dev');
      return a.status.sync.status === 'Synced' && a.status.operationState.syncResult?.revision === after && a;
    }, 10_000, 'komga-dev synced');
    expect(synced.status.sync.revision).toBe(after);
    expect(synced.status.health.status).toBe('Healthy');
    expect(synced.status.summary.images).toEqual(['gotson/komga:1.17.0']);
    expect(synced.status.operationState.phase).toBe('Succeeded');
    expect(synced.status.operationState.finishedAt).toBeTruthy();

    await until(() => seen.some((s) => s.sync === 'Synced'), 5000, 'watch saw Synced');
    const states = seen.map((s) => `${s.sync}/${s.health}/${s.phase}`);
    expect(states[0]).toBe('OutOfSync/Healthy/Succeeded');
    expect(states).toContain('OutOfSync/Progressing/Running');
    expect(states[states.length - 1]).toBe('Synced/Healthy/Succeeded');
    ctl.abort();

    // Unchanged apps report the new revision too, and stay Synced.
    const prodKomga = await getApp('komga-prod');
    expect(prodKomga.status.sync).toMatchObject({ status: 'Synced', revision: after });
    expect(prodKomga.status.summary.images).toEqual(['gotson/komga:1.15.1']);
    expect(before).not.toBe(after);

    // The destination cluster rolled its pods.
    const pods = await kubeconfig(dev).makeApiClient(CoreV1Api).listNamespacedPod({ namespace: 'home', labelSelector: 'app.kubernetes.io/name=komga' });
    expect(pods.items).toHaveLength(1);
    expect(pods.items[0].spec?.containers[0].image).toBe('gotson/komga:1.17.0');
    expect(pods.items[0].status?.containerStatuses?.[0].ready).toBe(true);
  });

  it('syncing to a version marked bad ends Synced + Degraded and crash-loops the pods', async () => {
    const { repo, dev, getApp } = await homelab({ bad: 'gotson/komga:1.17.1' });
    const after = await repo.bumpTag('dev', 'komga', 'gotson/komga', '1.17.1');
    const app = await until(async () => {
      const a = await getApp('komga-dev');
      return a.status.operationState.syncResult?.revision === after && a.status.operationState.phase === 'Succeeded' && a;
    }, 10_000, 'komga-dev synced');
    expect(app.status.sync.status).toBe('Synced');
    expect(app.status.health.status).toBe('Degraded');
    expect(app.status.summary.images).toEqual(['gotson/komga:1.17.1']);
    const pods = await kubeconfig(dev).makeApiClient(CoreV1Api).listNamespacedPod({ namespace: 'home', labelSelector: 'app.kubernetes.io/name=komga' });
    expect(pods.items[0].status?.containerStatuses?.[0].state?.waiting?.reason).toBe('CrashLoopBackOff');

    // Fixing forward: a good version heals it.
    const fixed = await repo.bumpTag('dev', 'komga', 'gotson/komga', '1.17.2');
    await until(async () => {
      const a = await getApp('komga-dev');
      return a.status.operationState.syncResult?.revision === fixed && a.status.health.status === 'Healthy';
    }, 10_000, 'healed');
  });

  it('knobs: setAppStatus, and a sync operation patched through the API', async () => {
    const { prod, custom, getApp } = await homelab();
    prod.setAppStatus('grafana-prod', { health: 'Degraded', sync: 'OutOfSync', message: 'boom' });
    const g = await getApp('grafana-prod');
    expect(g.status.health).toMatchObject({ status: 'Degraded', message: 'boom' });
    expect(g.status.sync.status).toBe('OutOfSync');

    await custom.patchNamespacedCustomObject({ ...APPS, name: 'grafana-prod', body: { operation: { sync: { revision: 'HEAD' } } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    const running = await getApp('grafana-prod');
    expect(running.status.operationState.phase).toBe('Running');
    await until(async () => (await getApp('grafana-prod')).status.health.status === 'Healthy', 10_000, 'healthy after sync');
    expect((await getApp('grafana-prod')).status.sync.status).toBe('Synced');
  });
});

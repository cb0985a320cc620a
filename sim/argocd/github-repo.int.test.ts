// End to end with the GitHub simulator's real GitOps repository: the template's overlays render to
// the catalogue's images, and an external commit bumping an overlay tag syncs the Application.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CustomObjectsApi } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { startGithubSim, type GithubSim } from '../github';
import { SERVICES } from '../seed/catalogue';
import { kubeconfig, sim, until } from '../kubernetes/test/helpers';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('argo cd sim on the GitHub simulator repo', () => {
  it('starts Synced at head with the template images and follows an external commit', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gh-argo-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const gh: GithubSim = await startGithubSim({ dir, token: 'gh-token' });
    cleanup.push(() => gh.close());
    const prod = await sim({ cluster: 'prod', argocd: { repo: gh.repo, syncDelayMs: 100, progressMs: 100 } });
    const head = await gh.repo.head();
    const custom = kubeconfig(prod).makeApiClient(CustomObjectsApi);
    const APPS = { group: 'argoproj.io', version: 'v1alpha1', namespace: 'argocd', plural: 'applications' };
    type App = { metadata: { name: string }; status: { sync: { status: string; revision: string }; health: { status: string }; summary: { images?: string[] }; operationState: { syncResult?: { revision: string } } } };
    const list = (await custom.listNamespacedCustomObject(APPS)) as { items: App[] };
    for (const svc of SERVICES) {
      for (const c of svc.clusters) {
        const app = list.items.find((a) => a.metadata.name === `${svc.name}-${c}`)!;
        expect(app.status.sync).toMatchObject({ status: 'Synced', revision: head });
        expect(app.status.summary.images, app.metadata.name).toEqual([`${svc.image}:${svc.tags[c]}`]);
      }
    }

    const file = 'kubernetes/overlays/dev/komga/kustomization.yaml';
    const text = (await gh.repo.readFile(head, file))!;
    const after = await gh.repo.externalCommit({ message: 'komga 1.17.0 on dev', files: { [file]: text.replace(/newTag: "?[^"\n]+"?/, 'newTag: "1.17.0"') } });
    const app = await until(async () => {
      const a = (await custom.getNamespacedCustomObject({ ...APPS, name: 'komga-dev' })) as App;
      return a.status.operationState.syncResult?.revision === after && a.status.sync.status === 'Synced' && a;
    }, 10_000, 'komga-dev synced');
    expect(app.status.summary.images).toEqual(['gotson/komga:1.17.0']);
    const other = (await custom.getNamespacedCustomObject({ ...APPS, name: 'grafana-prod' })) as App;
    expect(other.status.sync).toMatchObject({ status: 'Synced', revision: after });
  });
});

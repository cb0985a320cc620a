// In-memory GitOpsRepo for tests: commits are snapshots of a file map, pushes notify listeners like
// the GitHub simulator's repository does. `path` is empty, so Argo CD reads through readFile().
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import type { Catalogue } from '../../kubernetes/catalogue';
import type { GitOpsRepo } from '../../types';

export interface FakeRepo extends GitOpsRepo {
  commits: Map<string, Map<string, string>>;
  /** Rewrites `newTag` of the app's overlay kustomization and pushes. */
  bumpTag(cluster: string, service: string, image: string, tag: string): Promise<string>;
}

export function overlayYaml(namespace: string, image: string, tag: string, chart?: { name: string; version: string }): string {
  const doc: Record<string, unknown> = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    namespace,
    resources: ['../../../base/app'],
    images: [{ name: image, newTag: tag }],
  };
  if (chart) doc.helmCharts = [{ name: chart.name, version: chart.version, releaseName: chart.name }];
  return `# overlay\n${stringify(doc)}`;
}

export function catalogueFiles(catalogue: Catalogue): Record<string, string> {
  const files: Record<string, string> = {};
  for (const s of catalogue.services) {
    for (const c of s.clusters) {
      const v = s.chart?.versions[c];
      files[`kubernetes/overlays/${c}/${s.name}/kustomization.yaml`] = overlayYaml(s.namespace, s.image, s.tags[c] ?? 'latest', s.chart && v ? { name: s.chart.name, version: v } : undefined);
    }
  }
  return files;
}

export function fakeRepo(initial: Record<string, string>, branch = 'main'): FakeRepo {
  const commits = new Map<string, Map<string, string>>();
  const listeners = new Set<(e: { branch: string; before: string; after: string }) => void>();
  let n = 0;
  const commit = (files: Map<string, string>) => {
    const sha = createHash('sha1').update(`commit ${n++}`).digest('hex');
    commits.set(sha, files);
    return sha;
  };
  let head = commit(new Map(Object.entries(initial)));
  const repo: FakeRepo = {
    path: '',
    branch,
    commits,
    head: async () => head,
    async readFile(ref, file) {
      const snap = commits.get(ref === branch ? head : ref);
      return snap?.get(file) ?? null;
    },
    onPush(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async externalCommit({ files }) {
      const next = new Map(commits.get(head));
      for (const [k, v] of Object.entries(files)) next.set(k, v);
      const before = head;
      head = commit(next);
      for (const l of listeners) l({ branch, before, after: head });
      return head;
    },
    async bumpTag(cluster, service, image, tag) {
      const file = `kubernetes/overlays/${cluster}/${service}/kustomization.yaml`;
      const cur = commits.get(head)?.get(file) ?? '';
      const next = cur.replace(new RegExp(`(name: ${image.replace(/[./]/g, '\\$&')}\\n\\s+newTag: )"?[^"\\n]+"?`), `$1"${tag}"`);
      if (next === cur) throw new Error(`no tag for ${image} in ${file}`);
      return repo.externalCommit({ message: `bump ${service}`, files: { [file]: next } });
    },
  };
  return repo;
}

// RepoReader on a real bare repository (the way the GitHub simulator stores the GitOps repo):
// batched reads with `git cat-file --batch`, changed paths with `git diff --name-only`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GitOpsRepo } from '../types';
import { RepoReader } from './repo-reader';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function bareRepo() {
  const root = mkdtempSync(path.join(tmpdir(), 'reporeader-'));
  dirs.push(root);
  const bare = path.join(root, 'repo.git');
  const work = path.join(root, 'work');
  git(root, 'init', '--bare', '-q', bare);
  git(root, 'clone', '-q', bare, work);
  const commit = (files: Record<string, string>) => {
    for (const [f, c] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(work, f)), { recursive: true });
      writeFileSync(path.join(work, f), c);
    }
    git(work, 'add', '-A');
    git(work, 'commit', '-q', '-m', 'change');
    git(work, 'push', '-q', 'origin', 'HEAD:main');
    return git(work, 'rev-parse', 'HEAD');
  };
  const repo: GitOpsRepo = {
    path: bare,
    branch: 'main',
    head: async () => git(bare, 'rev-parse', 'main'),
    readFile: async () => {
      throw new Error('RepoReader should read through git');
    },
    onPush: () => () => {},
    externalCommit: async () => '',
  };
  return { repo, commit };
}

describe('RepoReader', () => {
  it('reads many files in one batch and lists changed paths', async () => {
    const { repo, commit } = bareRepo();
    const a = commit({ 'kubernetes/overlays/dev/komga/kustomization.yaml': 'images:\n  - name: gotson/komga\n    newTag: "1.0"\n', 'README.md': 'ünïcode ✓\n' });
    const b = commit({ 'kubernetes/overlays/dev/komga/kustomization.yaml': 'images:\n  - name: gotson/komga\n    newTag: "2.0"\n' });
    const reader = new RepoReader(repo);
    const files = await reader.readMany(b, ['README.md', 'kubernetes/overlays/dev/komga/kustomization.yaml', 'missing.yaml']);
    expect(files.get('README.md')).toBe('ünïcode ✓\n');
    expect(files.get('kubernetes/overlays/dev/komga/kustomization.yaml')).toContain('newTag: "2.0"');
    expect(files.get('missing.yaml')).toBeNull();
    expect((await reader.readMany(a, ['kubernetes/overlays/dev/komga/kustomization.yaml'])).get('kubernetes/overlays/dev/komga/kustomization.yaml')).toContain('"1.0"');
    expect(await reader.changedFiles(a, b)).toEqual(new Set(['kubernetes/overlays/dev/komga/kustomization.yaml']));
    expect(await reader.changedFiles('0'.repeat(40), b)).toBeNull();
  });
});

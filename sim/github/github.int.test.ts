// Contract tests: the real Octokit client against the GitHub simulator and its bare repository.
import { readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Octokit } from '@octokit/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkKustomizations } from '../gitops-template/check';
import { fetchTrusting } from '../tls';
import { startGithubSim, type GithubSim } from './index';

const run = promisify(execFile);
const TOKEN = 'ghp_simulatedtoken000000000000000000000';
const O = { owner: 'paul', repo: 'homelab' };
const DEV_GRAFANA = 'kubernetes/overlays/dev/grafana/kustomization.yaml';
const PROD_GRAFANA = 'kubernetes/overlays/prod/grafana/kustomization.yaml';

// Octokit's default logger binds console.error at import time, printing every expected 4xx.
const QUIET = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

let dir: string;
let sim: GithubSim;
const simFetch = () => fetchTrusting(readFileSync(sim.caFile, 'utf8'));
let gh: Octokit;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gh-sim-'));
  sim = await startGithubSim({ dir, token: TOKEN });
  gh = new Octokit({ auth: TOKEN, baseUrl: sim.url, log: QUIET, request: { fetch: simFetch() } });
});

afterEach(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

async function readFile(p: string, ref?: string) {
  const { data } = await gh.rest.repos.getContent({ ...O, path: p, ref });
  if (Array.isArray(data) || data.type !== 'file') throw new Error('not a file');
  return { text: Buffer.from(data.content, 'base64').toString('utf8'), sha: data.sha };
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('GitHub simulator with Octokit', () => {
  it('serves the repository and its files (Octokit parses the content type on this Node)', async () => {
    const { data: repo, headers } = await gh.rest.repos.get(O);
    expect(repo).toMatchObject({ full_name: 'paul/homelab', default_branch: 'main', private: true });
    expect(headers['content-type']).toBe('application/json; charset=utf-8');
    expect(headers['x-github-request-id']).toBeTruthy();
    expect(headers['x-ratelimit-remaining']).toMatch(/^\d+$/);
    expect(headers.etag).toMatch(/^W\/"/);
    const f = await readFile(DEV_GRAFANA);
    expect(f.text).toContain('newTag: "11.5.1"');
    expect((await readFile(PROD_GRAFANA)).text).toContain('newTag: "11.4.0"');
    const { data: listing } = await gh.rest.repos.getContent({ ...O, path: 'kubernetes/overlays' });
    expect(Array.isArray(listing) && listing.map((e) => e.name)).toEqual(['cloud', 'dev', 'prod']);
  });

  it('PUTs contents as one commit and answers 409 on a stale sha, 422 without sha', async () => {
    const f = await readFile(PROD_GRAFANA);
    const next = f.text.replace('newTag: "11.4.0"', 'newTag: "11.5.1"');
    const { data, status } = await gh.rest.repos.createOrUpdateFileContents({ ...O, path: PROD_GRAFANA, message: 'promote grafana 11.5.1 to PROD', content: b64(next), sha: f.sha });
    expect(status).toBe(200);
    expect(data.commit.message).toBe('promote grafana 11.5.1 to PROD');
    expect((await readFile(PROD_GRAFANA)).text).toBe(next);

    const stale = gh.rest.repos.createOrUpdateFileContents({ ...O, path: PROD_GRAFANA, message: 'again', content: b64('x'), sha: f.sha });
    await expect(stale).rejects.toMatchObject({ status: 409, message: expect.stringContaining('does not match') });
    await expect(gh.rest.repos.createOrUpdateFileContents({ ...O, path: PROD_GRAFANA, message: 'no sha', content: b64('x') })).rejects.toMatchObject({ status: 422 });
    const created = await gh.rest.repos.createOrUpdateFileContents({ ...O, path: 'docs/new.md', message: 'add doc', content: b64('hi\n') });
    expect(created.status).toBe(201);
  });

  it('never loses a commit under concurrent writes', async () => {
    const shas = await Promise.all(['alloy', 'loki', 'ntfy', 'komga', 'romm'].map(async (s) => [s, (await readFile(`kubernetes/overlays/prod/${s}/kustomization.yaml`)).sha] as const));
    const before = await sim.repo.head();
    await Promise.all(
      shas.map(([s, sha]) => gh.rest.repos.createOrUpdateFileContents({ ...O, path: `kubernetes/overlays/prod/${s}/kustomization.yaml`, message: `touch ${s}`, content: b64(`# ${s}\n`), sha })),
    );
    const { stdout } = await run('git', ['--git-dir', sim.repo.path, 'rev-list', '--count', `${before}..main`]);
    expect(Number(stdout.trim())).toBe(5);
  });

  it('makes a git-data commit and refuses a non-fast-forward ref update with 422', async () => {
    const { data: ref } = await gh.rest.git.getRef({ ...O, ref: 'heads/main' });
    const base = ref.object.sha;
    const { data: baseCommit } = await gh.rest.git.getCommit({ ...O, commit_sha: base });
    const { data: blob } = await gh.rest.git.createBlob({ ...O, content: 'promoted\n', encoding: 'utf-8' });
    const { data: tree } = await gh.rest.git.createTree({ ...O, base_tree: baseCommit.tree.sha, tree: [{ path: 'notes/promotion.txt', mode: '100644', type: 'blob', sha: blob.sha }, { path: 'README.md', mode: '100644', type: 'blob', sha: null }] });
    const { data: commit } = await gh.rest.git.createCommit({ ...O, message: 'git data commit', tree: tree.sha, parents: [base] });
    const { data: moved } = await gh.rest.git.updateRef({ ...O, ref: 'heads/main', sha: commit.sha });
    expect(moved.object.sha).toBe(commit.sha);
    expect(await sim.repo.readFile('main', 'notes/promotion.txt')).toBe('promoted\n');
    expect(await sim.repo.readFile('main', 'README.md')).toBeNull();
    expect(await sim.repo.readFile('main', DEV_GRAFANA)).toContain('11.5.1');

    // A sibling of the new head is not a fast-forward.
    const { data: sibling } = await gh.rest.git.createCommit({ ...O, message: 'sibling', tree: baseCommit.tree.sha, parents: [base] });
    await expect(gh.rest.git.updateRef({ ...O, ref: 'heads/main', sha: sibling.sha })).rejects.toMatchObject({ status: 422, message: expect.stringContaining('Update is not a fast forward') });
    await gh.rest.git.updateRef({ ...O, ref: 'heads/main', sha: sibling.sha, force: true });
    expect(await sim.repo.head()).toBe(sibling.sha);
  });

  it('lists commits by path with dates, and shows a commit with its patch', async () => {
    const { data } = await gh.rest.repos.listCommits({ ...O, path: DEV_GRAFANA });
    expect(data.map((c) => c.commit.author?.name)).toEqual(['renovate[bot]', 'Paul']);
    expect(data[0].author?.login).toBe('renovate[bot]');
    const ageH = (Date.now() - Date.parse(data[0].commit.committer?.date ?? '')) / 3.6e6;
    expect(ageH).toBeGreaterThan(5.5);
    expect(ageH).toBeLessThan(6.5);
    const since = new Date(Date.now() - 24 * 3.6e6).toISOString();
    const { data: recent } = await gh.rest.repos.listCommits({ ...O, since, per_page: 100 });
    expect(recent.length).toBe(3);
    const { data: one } = await gh.rest.repos.getCommit({ ...O, ref: data[0].sha });
    expect(one.files?.[0]).toMatchObject({ filename: DEV_GRAFANA, status: 'modified', additions: 1, deletions: 1 });
    expect(one.files?.[0].patch).toContain('-    newTag: "11.4.0"\n+    newTag: "11.5.1"');
  });

  it('compares branches and merges a pull request', async () => {
    const main = await sim.repo.head();
    await gh.rest.git.createRef({ ...O, ref: 'refs/heads/promote/grafana', sha: main });
    const f = await readFile(PROD_GRAFANA);
    await gh.rest.repos.createOrUpdateFileContents({ ...O, path: PROD_GRAFANA, branch: 'promote/grafana', message: 'promote grafana', content: b64(f.text.replace('11.4.0', '11.5.1')), sha: f.sha });
    const { data: cmp } = await gh.rest.repos.compareCommitsWithBasehead({ ...O, basehead: 'main...promote/grafana' });
    expect(cmp).toMatchObject({ status: 'ahead', ahead_by: 1, behind_by: 0, total_commits: 1 });
    expect(cmp.files?.[0].patch).toContain('+    newTag: "11.5.1"');

    const { data: pr } = await gh.rest.pulls.create({ ...O, title: 'Promote Grafana 11.5.1', head: 'promote/grafana', base: 'main' });
    expect(pr).toMatchObject({ number: 1, state: 'open' });
    const { data: fresh } = await gh.rest.pulls.get({ ...O, pull_number: pr.number });
    expect(fresh.mergeable).toBe(true);
    await expect(gh.rest.pulls.merge({ ...O, pull_number: pr.number, sha: main })).rejects.toMatchObject({ status: 409 });
    const { data: merged } = await gh.rest.pulls.merge({ ...O, pull_number: pr.number });
    expect(merged.merged).toBe(true);
    expect(await sim.repo.head()).toBe(merged.sha);
    expect(await sim.repo.readFile('main', PROD_GRAFANA)).toContain('11.5.1');
    const { data: after } = await gh.rest.pulls.get({ ...O, pull_number: pr.number });
    expect(after).toMatchObject({ merged: true, state: 'closed', merge_commit_sha: merged.sha });
    const { data: closed } = await gh.rest.pulls.list({ ...O, state: 'closed' });
    expect(closed.map((p) => p.number)).toEqual([1]);
  });

  it('answers 405 for a conflicting pull request', async () => {
    const main = await sim.repo.head();
    await gh.rest.git.createRef({ ...O, ref: 'refs/heads/conflict', sha: main });
    await sim.repo.externalCommit({ branch: 'conflict', message: 'theirs', files: { [PROD_GRAFANA]: 'theirs\n' } });
    await sim.repo.externalCommit({ message: 'ours', files: { [PROD_GRAFANA]: 'ours\n' } });
    const { data: pr } = await gh.rest.pulls.create({ ...O, title: 'conflict', head: 'conflict', base: 'main' });
    expect((await gh.rest.pulls.get({ ...O, pull_number: pr.number })).data.mergeable).toBe(false);
    await expect(gh.rest.pulls.merge({ ...O, pull_number: pr.number })).rejects.toMatchObject({ status: 405 });
  });

  it('shows an external commit through the API, fires onPush, and is in `git log -p`', async () => {
    const pushes: { branch: string; before: string; after: string }[] = [];
    const off = sim.repo.onPush((e) => pushes.push(e));
    const before = await sim.repo.head();
    const sha = await sim.repo.externalCommit({ message: 'chore: hand edit', files: { 'notes/race.txt': 'from outside\n' } });
    off();
    expect(pushes).toEqual([{ branch: 'main', before, after: sha }]);
    const { data } = await gh.rest.repos.getCommit({ ...O, ref: 'main' });
    expect(data).toMatchObject({ sha, author: null, commit: { author: { name: 'Someone Else', email: 'someone@example.com' } } });
    const { stdout } = await run('git', ['--git-dir', sim.repo.path, 'log', '-p', '-1']);
    expect(stdout).toContain('chore: hand edit');
    expect(stdout).toContain('+from outside');
  });

  it('rejects bad credentials, 404s unknown things, applies faults and records calls', async () => {
    const anon = new Octokit({ baseUrl: sim.url, auth: 'wrong', log: QUIET, request: { fetch: simFetch() } });
    await expect(anon.rest.repos.get(O)).rejects.toMatchObject({ status: 401, message: expect.stringContaining('Bad credentials') });
    await expect(gh.rest.repos.get({ owner: 'paul', repo: 'other' })).rejects.toMatchObject({ status: 404 });
    await expect(gh.rest.repos.getContent({ ...O, path: 'nope.txt' })).rejects.toMatchObject({ status: 404 });
    sim.faults.set({ errorRate: 1, errorStatus: 502 });
    await expect(gh.rest.repos.get(O)).rejects.toMatchObject({ status: 502 });
    sim.faults.reset();
    expect(sim.calls.filter((c) => c.path === '/repos/paul/homelab')).toHaveLength(2);
  });

  it('keeps the repository tree consistent for kustomize', async () => {
    const { data } = await gh.rest.git.getTree({ ...O, tree_sha: 'main', recursive: '1' });
    const files: Record<string, string> = {};
    for (const e of data.tree.filter((x) => x.type === 'blob' && x.path?.endsWith('kustomization.yaml'))) {
      files[e.path as string] = (await sim.repo.readFile('main', e.path as string)) ?? '';
    }
    for (const e of data.tree.filter((x) => x.type === 'blob')) files[e.path as string] ??= '';
    expect(checkKustomizations(files)).toEqual([]);
  });
});

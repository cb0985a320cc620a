// Every endpoint the GitHub simulator implements, called for real and its response body validated
import { readFileSync } from 'node:fs';
// against GitHub's own OpenAPI description (@octokit/openapi, api.github.com.json only).
import { readFile as readFs, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Validator, type OpenApiDoc } from './openapi-validate';
import { fetchTrusting } from '../tls';
import { startGithubSim, type GithubSim } from './index';

const TOKEN = 'ghp_openapi000000000000000000000000000000';
const O = { owner: 'paul', repo: 'homelab' };
const QUIET = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const R = '/repos/{owner}/{repo}';

let dir: string;
let sim: GithubSim;
const simFetch = () => fetchTrusting(readFileSync(sim.caFile, 'utf8'));
let gh: Octokit;
let validator: Validator;
const validated = new Set<string>();

beforeAll(async () => {
  const specPath = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');
  validator = new Validator(JSON.parse(await readFs(specPath, 'utf8')) as OpenApiDoc);
  dir = await mkdtemp(path.join(tmpdir(), 'gh-openapi-'));
  sim = await startGithubSim({ dir, token: TOKEN });
  gh = new Octokit({ auth: TOKEN, baseUrl: sim.url, log: QUIET, request: { fetch: simFetch() } });
});

afterAll(async () => {
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Calls `METHOD template` with Octokit and validates the body of whatever status comes back. */
async function call(method: string, template: string, params: Record<string, unknown>, expectStatus: number) {
  let status: number;
  let data: unknown;
  try {
    const res = await gh.request(`${method} ${template}`, { ...O, ...params });
    status = res.status;
    data = res.data;
  } catch (e) {
    const err = e as { status?: number; response?: { data?: unknown } };
    if (!err.status) throw e;
    status = err.status;
    data = err.response?.data;
  }
  expect(status, `${method} ${template}`).toBe(expectStatus);
  if (status !== 204) {
    const errors = validator.validate(validator.responseSchema(method, template, status), data);
    expect(errors, `${method} ${template} → ${status}`).toEqual([]);
  }
  validated.add(`${validator.operationId(method, template)} ${status}`);
  return data;
}

/** Reads a dotted path out of a response body (keeps the test free of `any`). */
function at(v: unknown, p: string): string {
  const out = p.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], v);
  if (typeof out !== 'string' && typeof out !== 'number') throw new Error(`no ${p} in response`);
  return String(out);
}

describe('GitHub simulator against the OpenAPI description', () => {
  it('validates repository, contents and user endpoints', async () => {
    await call('GET', R, {}, 200);
    await call('GET', '/user', {}, 200);
    await call('GET', '/rate_limit', {}, 200);
    await call('GET', `${R}/contents/{path}`, { path: 'kubernetes/overlays/dev/grafana/kustomization.yaml' }, 200);
    await call('GET', `${R}/contents/{path}`, { path: 'kubernetes/overlays' }, 200);
    await call('GET', `${R}/contents/{path}`, { path: 'missing.txt' }, 404);
    const file = at(await call('GET', `${R}/contents/{path}`, { path: 'README.md' }, 200), 'sha');
    const content = Buffer.from('# homelab\n').toString('base64');
    await call('PUT', `${R}/contents/{path}`, { path: 'README.md', message: 'docs', content, sha: file }, 200);
    await call('PUT', `${R}/contents/{path}`, { path: 'README.md', message: 'docs', content, sha: file }, 409);
    await call('PUT', `${R}/contents/{path}`, { path: 'docs/a.md', message: 'new', content }, 201);
  });

  it('validates git data endpoints', async () => {
    const ref = await call('GET', `${R}/git/ref/{ref}`, { ref: 'heads/main' }, 200);
    await call('GET', `${R}/git/matching-refs/{ref}`, { ref: 'heads/' }, 200);
    const head = at(ref, 'object.sha');
    const commit = await call('GET', `${R}/git/commits/{commit_sha}`, { commit_sha: head }, 200);
    const blob = await call('POST', `${R}/git/blobs`, { content: 'x\n', encoding: 'utf-8' }, 201);
    await call('GET', `${R}/git/blobs/{file_sha}`, { file_sha: at(blob, 'sha') }, 200);
    const tree = await call('POST', `${R}/git/trees`, { base_tree: at(commit, 'tree.sha'), tree: [{ path: 'x.txt', mode: '100644', type: 'blob', sha: at(blob, 'sha') }] }, 201);
    await call('GET', `${R}/git/trees/{tree_sha}`, { tree_sha: at(tree, 'sha'), recursive: '1' }, 200);
    const next = await call('POST', `${R}/git/commits`, { message: 'x', tree: at(tree, 'sha'), parents: [head] }, 201);
    await call('POST', `${R}/git/refs`, { ref: 'refs/heads/feature', sha: head }, 201);
    await call('PATCH', `${R}/git/refs/{ref}`, { ref: 'heads/feature', sha: at(next, 'sha') }, 200);
    await call('PATCH', `${R}/git/refs/{ref}`, { ref: 'heads/feature', sha: head }, 422);
    await call('DELETE', `${R}/git/refs/{ref}`, { ref: 'heads/feature' }, 204);
  });

  it('validates commits and compare', async () => {
    const list = await call('GET', `${R}/commits`, { path: 'kubernetes/overlays/dev/grafana/kustomization.yaml' }, 200);
    await call('GET', `${R}/commits/{ref}`, { ref: at(list, '0.sha') }, 200);
    await call('GET', `${R}/commits/{ref}`, { ref: 'main' }, 200);
    const all = (await call('GET', `${R}/commits`, { per_page: 100 }, 200)) as unknown[];
    const root = at(all[all.length - 1], 'sha');
    await call('GET', `${R}/compare/{basehead}`, { basehead: `${root}...main` }, 200);
  });

  it('validates pull request endpoints', async () => {
    const head = await sim.repo.head();
    await gh.rest.git.createRef({ ...O, ref: 'refs/heads/promote', sha: head });
    await sim.repo.externalCommit({ branch: 'promote', message: 'promote', files: { 'p.txt': 'p\n' } });
    await gh.rest.git.createRef({ ...O, ref: 'refs/heads/other', sha: head });
    await sim.repo.externalCommit({ branch: 'other', message: 'other', files: { 'o.txt': 'o\n' } });

    const pr = await call('POST', `${R}/pulls`, { title: 'Promote', head: 'promote', base: 'main' }, 201);
    await call('POST', `${R}/pulls`, { title: 'Again', head: 'promote', base: 'main' }, 422);
    await call('GET', `${R}/pulls/{pull_number}`, { pull_number: at(pr, 'number') }, 200);
    await call('GET', `${R}/pulls`, { state: 'all' }, 200);
    // GitHub's documented refusals (validated against the 405/409 schemas): a stale head sha, then a
    // second merge of a merged PR, and below the merge of a closed one.
    const stale = await call('PUT', `${R}/pulls/{pull_number}/merge`, { pull_number: at(pr, 'number'), sha: head }, 409);
    expect(at(stale, 'message')).toBe('Head branch was modified. Review and try the merge again.');
    await call('PUT', `${R}/pulls/{pull_number}/merge`, { pull_number: at(pr, 'number') }, 200);
    const twice = await call('PUT', `${R}/pulls/{pull_number}/merge`, { pull_number: at(pr, 'number') }, 405);
    expect(at(twice, 'message')).toBe('Pull Request is not mergeable');
    await call('GET', `${R}/pulls/{pull_number}/merge`, { pull_number: at(pr, 'number') }, 204);
    const other = await call('POST', `${R}/pulls`, { title: 'Other', head: 'other', base: 'main' }, 201);
    await call('PATCH', `${R}/pulls/{pull_number}`, { pull_number: at(other, 'number'), state: 'closed' }, 200);
    const closed = await call('PUT', `${R}/pulls/{pull_number}/merge`, { pull_number: at(other, 'number') }, 405);
    expect(at(closed, 'message')).toBe('Pull Request is not mergeable');
    expect(await sim.repo.readFile('main', 'o.txt')).toBeNull();
  });

  it('covered every implemented operation', () => {
    const ops = [...validated].map((v) => v.split(' ')[0]);
    expect(new Set(ops)).toEqual(
      new Set([
        'repos/get', 'users/get-authenticated', 'rate-limit/get', 'repos/get-content', 'repos/create-or-update-file-contents',
        'git/get-ref', 'git/list-matching-refs', 'git/get-commit', 'git/create-blob', 'git/get-blob', 'git/create-tree', 'git/get-tree',
        'git/create-commit', 'git/create-ref', 'git/update-ref', 'git/delete-ref', 'repos/list-commits', 'repos/get-commit',
        'repos/compare-commits-with-basehead', 'pulls/create', 'pulls/get', 'pulls/list', 'pulls/merge', 'pulls/check-if-merged', 'pulls/update',
      ]),
    );
  });
});

import 'server-only';
import type { GithubClient } from './connect';
import { statusOf, toUpstream } from './errors';
import { readFileAt } from './read';

// Writing a promotion to the repository, optimistically: each file carries the blob sha it had when
// the change was previewed. If any of those files changed since, nothing is written (`conflict`: a
// person must review the new state). If only other files moved, the change is re-applied on the new
// head (bounded). Never a force update, so nobody else's commit is ever lost.

export interface FileWrite {
  path: string;
  content: string;
  /** The file's blob sha at preview time. */
  expectedSha: string;
}

export type CommitOutcome = { kind: 'committed'; sha: string; url: string } | { kind: 'conflict'; path: string };

export const MAX_ATTEMPTS = 3;

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** One file: a single contents PUT (GitHub checks the blob sha and commits on the current head). */
async function commitOne(gh: GithubClient, branch: string, message: string, f: FileWrite): Promise<CommitOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      const r = await gh.octokit.repos.createOrUpdateFileContents({ owner: gh.owner, repo: gh.repo, path: f.path, branch, message, content: b64(f.content), sha: f.expectedSha });
      const sha = r.data.commit.sha!;
      return { kind: 'committed', sha, url: r.data.commit.html_url ?? `${gh.webUrl}/commit/${sha}` };
    } catch (e) {
      if (statusOf(e) !== 409) throw toUpstream(e, `commit ${f.path}`);
      // 409 usually means the file moved; GitHub also answers 409 when the branch moved under a
      // concurrent write. Only a changed file is a conflict; otherwise try again on the new head.
      const now = await readFileAt(gh, f.path, branch);
      if (!now || now.sha !== f.expectedSha || attempt >= MAX_ATTEMPTS) return { kind: 'conflict', path: f.path };
    }
  }
}

/** Several files: blobs, a tree on `base_tree`, a commit whose parent is the head, a fast-forward ref update. */
async function commitMany(gh: GithubClient, branch: string, message: string, files: FileWrite[]): Promise<CommitOutcome> {
  const o = { owner: gh.owner, repo: gh.repo };
  for (let attempt = 1; ; attempt++) {
    let head: string;
    let commitSha: string;
    try {
      head = (await gh.octokit.git.getRef({ ...o, ref: `heads/${branch}` })).data.object.sha;
      const baseTree = (await gh.octokit.git.getCommit({ ...o, commit_sha: head })).data.tree.sha;
      const tree = (await gh.octokit.git.getTree({ ...o, tree_sha: baseTree, recursive: 'true' })).data.tree;
      for (const f of files) {
        const entry = tree.find((t) => t.path === f.path);
        if (entry?.sha !== f.expectedSha) return { kind: 'conflict', path: f.path };
      }
      const blobs = await Promise.all(files.map((f) => gh.octokit.git.createBlob({ ...o, content: b64(f.content), encoding: 'base64' })));
      const newTree = await gh.octokit.git.createTree({
        ...o,
        base_tree: baseTree,
        tree: files.map((f, k) => ({ path: f.path, mode: '100644' as const, type: 'blob' as const, sha: blobs[k].data.sha })),
      });
      commitSha = (await gh.octokit.git.createCommit({ ...o, message, tree: newTree.data.sha, parents: [head] })).data.sha;
    } catch (e) {
      throw toUpstream(e, 'prepare the commit');
    }
    try {
      await gh.octokit.git.updateRef({ ...o, ref: `heads/${branch}`, sha: commitSha, force: false });
      return { kind: 'committed', sha: commitSha, url: `${gh.webUrl}/commit/${commitSha}` };
    } catch (e) {
      // 422 "not a fast forward": someone pushed meanwhile. The dangling commit is harmless.
      if (statusOf(e) !== 422 && statusOf(e) !== 409) throw toUpstream(e, `update ${branch}`);
      if (attempt >= MAX_ATTEMPTS) throw toUpstream(e, `update ${branch} (it kept moving)`);
    }
  }
}

export async function commitFiles(gh: GithubClient, input: { branch?: string; message: string; files: FileWrite[] }): Promise<CommitOutcome> {
  const branch = input.branch ?? gh.branch;
  if (input.files.length === 0) throw new Error('commitFiles: nothing to commit');
  return input.files.length === 1 ? commitOne(gh, branch, input.message, input.files[0]) : commitMany(gh, branch, input.message, input.files);
}

export interface PullRequest {
  number: number;
  url: string;
  branch: string;
  state: 'open' | 'closed';
  merged: boolean;
  mergeSha: string | null;
}

/** Pull-request mode: the same change on a new branch from the current head, then a PR to `base`. */
export async function openPullRequest(gh: GithubClient, input: { branchName: string; title: string; body: string; message: string; files: FileWrite[] }): Promise<CommitOutcome | { kind: 'pr'; pr: PullRequest }> {
  const o = { owner: gh.owner, repo: gh.repo };
  try {
    const head = (await gh.octokit.git.getRef({ ...o, ref: `heads/${gh.branch}` })).data.object.sha;
    await gh.octokit.git.createRef({ ...o, ref: `refs/heads/${input.branchName}`, sha: head }).catch((e) => {
      if (statusOf(e) !== 422) throw e; // already exists: a retried attempt
    });
  } catch (e) {
    throw toUpstream(e, `create the branch ${input.branchName}`);
  }
  const c = await commitFiles(gh, { branch: input.branchName, message: input.message, files: input.files });
  if (c.kind === 'conflict') return c;
  try {
    const pr = await gh.octokit.pulls.create({ ...o, title: input.title, body: input.body, head: input.branchName, base: gh.branch });
    return { kind: 'pr', pr: { number: pr.data.number, url: pr.data.html_url, branch: input.branchName, state: 'open', merged: false, mergeSha: null } };
  } catch (e) {
    throw toUpstream(e, 'open the pull request');
  }
}

export async function getPullRequest(gh: GithubClient, number: number): Promise<PullRequest> {
  try {
    const r = await gh.octokit.pulls.get({ owner: gh.owner, repo: gh.repo, pull_number: number });
    return { number, url: r.data.html_url, branch: r.data.head.ref, state: r.data.state as 'open' | 'closed', merged: r.data.merged, mergeSha: r.data.merge_commit_sha ?? null };
  } catch (e) {
    throw toUpstream(e, `read pull request #${number}`);
  }
}

/** Merges a PR; `conflict` when GitHub cannot (405/409: not mergeable or head moved). */
export async function mergePullRequest(
  gh: GithubClient,
  number: number,
  opts: { title?: string; message?: string } = {},
): Promise<{ kind: 'merged'; sha: string } | { kind: 'conflict'; status: number; message: string }> {
  try {
    const r = await gh.octokit.pulls.merge({ owner: gh.owner, repo: gh.repo, pull_number: number, merge_method: 'merge', commit_title: opts.title, commit_message: opts.message });
    return { kind: 'merged', sha: r.data.sha };
  } catch (e) {
    const status = statusOf(e);
    if (status === 405 || status === 409) return { kind: 'conflict', status, message: (e as Error).message };
    throw toUpstream(e, `merge pull request #${number}`);
  }
}

// Small pages: the commit looked for is nearly always among the newest 30, which stays one request.
const COMMITS_PER_PAGE = 30;
const MAX_COMMIT_PAGES = 20;
const SINCE_MARGIN_MS = 15 * 60_000;

/** The commit on `branch` whose message carries `needle` (a Promotion-Id trailer): the newest 600,
 * page by page, so a commit that landed is found however many others followed it. */
export async function findCommitWith(gh: GithubClient, needle: string, opts: { since?: Date; branch?: string } = {}): Promise<{ sha: string; url: string } | null> {
  // Only commits after `since` (less a margin for clocks that disagree) need looking at: usually one page.
  const since = opts.since ? new Date(opts.since.getTime() - SINCE_MARGIN_MS).toISOString() : undefined;
  try {
    for (let page = 1; page <= MAX_COMMIT_PAGES; page++) {
      const r = await gh.octokit.repos.listCommits({ owner: gh.owner, repo: gh.repo, sha: opts.branch ?? gh.branch, per_page: COMMITS_PER_PAGE, page, ...(since ? { since } : {}) });
      const c = r.data.find((x) => x.commit.message.includes(needle));
      if (c) return { sha: c.sha, url: c.html_url };
      if (r.data.length < COMMITS_PER_PAGE) return null;
    }
    return null;
  } catch (e) {
    throw toUpstream(e, 'list recent commits');
  }
}

/** Closes a PR without merging (a rejected pull-request promotion). */
export async function closePullRequest(gh: GithubClient, number: number): Promise<void> {
  try {
    await gh.octokit.pulls.update({ owner: gh.owner, repo: gh.repo, pull_number: number, state: 'closed' });
  } catch (e) {
    throw toUpstream(e, `close pull request #${number}`);
  }
}

import 'server-only';
import { github, type GithubClient } from './connect';
import { statusOf, toUpstream } from './errors';

// Reading the GitOps repository: files, directory trees and commit history at a ref.

export interface RepoFile {
  path: string;
  content: string;
  /** Blob sha: the contents API needs it to update the file (optimistic concurrency). */
  sha: string;
}

export interface CommitInfo {
  sha: string;
  message: string;
  authorName: string | null;
  /** Committer date (when it landed on the branch), ISO. */
  date: string;
  url: string;
}

/** A file at a ref (branch, tag or sha), or null when it does not exist there. */
export async function readFileAt(gh: GithubClient, path: string, ref?: string): Promise<RepoFile | null> {
  try {
    const r = await gh.octokit.repos.getContent({ owner: gh.owner, repo: gh.repo, path, ref: ref ?? gh.branch });
    const d = r.data as { type?: string; content?: string; encoding?: string; sha: string };
    if (Array.isArray(r.data) || d.type !== 'file' || d.content === undefined) return null;
    const content = d.encoding === 'base64' ? Buffer.from(d.content, 'base64').toString('utf8') : d.content;
    return { path, content, sha: d.sha };
  } catch (e) {
    if (statusOf(e) === 404) return null;
    throw toUpstream(e, `read ${path}`);
  }
}

/** Text of a file of the configured repository (default branch), or null when absent. */
export async function readRepoFile(path: string, ref?: string): Promise<string | null> {
  return (await readFileAt(github(), path, ref))?.content ?? null;
}

/** The commit sha a branch points at. */
export async function headOf(gh: GithubClient, branch = gh.branch): Promise<string> {
  try {
    const r = await gh.octokit.git.getRef({ owner: gh.owner, repo: gh.repo, ref: `heads/${branch}` });
    return r.data.object.sha;
  } catch (e) {
    throw toUpstream(e, `read the branch ${branch}`);
  }
}

export interface TreeEntry {
  path: string;
  sha: string;
}

/** Every blob of the tree at a commit (one recursive tree call after reading the commit). */
export async function listTree(gh: GithubClient, commitSha: string): Promise<TreeEntry[]> {
  try {
    const c = await gh.octokit.git.getCommit({ owner: gh.owner, repo: gh.repo, commit_sha: commitSha });
    const t = await gh.octokit.git.getTree({ owner: gh.owner, repo: gh.repo, tree_sha: c.data.tree.sha, recursive: 'true' });
    return t.data.tree.filter((e) => e.type === 'blob' && e.path && e.sha).map((e) => ({ path: e.path!, sha: e.sha! }));
  } catch (e) {
    throw toUpstream(e, 'list the repository');
  }
}

/** Every blob under `dir` at a commit. */
export async function listFiles(gh: GithubClient, commitSha: string, dir: string): Promise<TreeEntry[]> {
  const prefix = dir.replace(/\/+$/, '') + '/';
  return (await listTree(gh, commitSha)).filter((e) => e.path.startsWith(prefix));
}

/** Content of a blob by sha (used with tree listings so unchanged files are not re-read by path). */
export async function readBlob(gh: GithubClient, sha: string): Promise<string> {
  try {
    const r = await gh.octokit.git.getBlob({ owner: gh.owner, repo: gh.repo, file_sha: sha });
    return r.data.encoding === 'base64' ? Buffer.from(r.data.content, 'base64').toString('utf8') : r.data.content;
  } catch (e) {
    throw toUpstream(e, `read blob ${sha.slice(0, 7)}`);
  }
}

/** The newest commits touching a path on a ref (newest first). */
export async function commitsFor(gh: GithubClient, path: string, ref = gh.branch, perPage = 10): Promise<CommitInfo[]> {
  try {
    const r = await gh.octokit.repos.listCommits({ owner: gh.owner, repo: gh.repo, path, sha: ref, per_page: perPage });
    return r.data.map((c) => ({
      sha: c.sha,
      message: c.commit.message,
      authorName: c.commit.author?.name ?? null,
      date: c.commit.committer?.date ?? c.commit.author?.date ?? new Date(0).toISOString(),
      url: c.html_url,
    }));
  } catch (e) {
    throw toUpstream(e, `list the commits of ${path}`);
  }
}

/** Is `ancestor` reachable from `descendant`? (compare API: "ahead"/"identical" means yes). */
export async function isAncestor(gh: GithubClient, ancestor: string, descendant: string): Promise<boolean> {
  if (ancestor === descendant) return true;
  try {
    const r = await gh.octokit.repos.compareCommitsWithBasehead({ owner: gh.owner, repo: gh.repo, basehead: `${ancestor}...${descendant}`, per_page: 1 });
    return r.data.status === 'ahead' || r.data.status === 'identical';
  } catch (e) {
    if (statusOf(e) === 404) return false;
    throw toUpstream(e, 'compare commits');
  }
}

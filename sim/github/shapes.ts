// JSON bodies shaped like api.github.com's (validated against @octokit/openapi in the tests).
import type { CommitInfo, FileChange } from './history';
import { repositoryJson } from './shapes-repo';

export interface RepoIdentity {
  /** API base URL, e.g. http://127.0.0.1:1234 */
  api: string;
  /** Web base URL (what html_url fields point to). */
  web: string;
  owner: string;
  ownerId: number;
  repo: string;
  repoId: number;
  branch: string;
  createdAt: string;
}

export const nodeId = (kind: string, id: string | number) => Buffer.from(`${kind}:${id}`).toString('base64').replace(/=+$/, '');

const KNOWN_USERS: Record<string, { login: string; id: number; type: 'User' | 'Bot' }> = {
  '29139614+renovate[bot]@users.noreply.github.com': { login: 'renovate[bot]', id: 29139614, type: 'Bot' },
};

export class Shapes {
  constructor(readonly r: RepoIdentity) {}

  get repoUrl() {
    return `${this.r.api}/repos/${this.r.owner}/${this.r.repo}`;
  }
  get htmlRepo() {
    return `${this.r.web}/${this.r.owner}/${this.r.repo}`;
  }

  user(login: string, id: number, type: 'User' | 'Bot' = 'User') {
    const u = `${this.r.api}/users/${encodeURIComponent(login)}`;
    return {
      login,
      id,
      node_id: nodeId(type === 'Bot' ? 'Bot' : 'User', id),
      avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
      gravatar_id: '',
      url: u,
      html_url: `${this.r.web}/${encodeURIComponent(login)}`,
      followers_url: `${u}/followers`,
      following_url: `${u}/following{/other_user}`,
      gists_url: `${u}/gists{/gist_id}`,
      starred_url: `${u}/starred{/owner}{/repo}`,
      subscriptions_url: `${u}/subscriptions`,
      organizations_url: `${u}/orgs`,
      repos_url: `${u}/repos`,
      events_url: `${u}/events{/privacy}`,
      received_events_url: `${u}/received_events`,
      type,
      user_view_type: 'public',
      site_admin: false,
    };
  }

  owner() {
    return this.user(this.r.owner, this.r.ownerId);
  }

  /** GitHub links a commit's author to an account by email; unknown emails give `null`. */
  userByEmail(email: string) {
    if (email === `${this.r.ownerId}+${this.r.owner}@users.noreply.github.com`) return this.owner();
    const k = KNOWN_USERS[email];
    return k ? this.user(k.login, k.id, k.type) : null;
  }

  repository(pushedAt: string, full = false) {
    return repositoryJson(this, pushedAt, full);
  }

  private verification() {
    return { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null };
  }

  gitCommit(c: CommitInfo) {
    return {
      sha: c.sha,
      node_id: nodeId('Commit', c.sha),
      url: `${this.repoUrl}/git/commits/${c.sha}`,
      html_url: `${this.htmlRepo}/commit/${c.sha}`,
      author: c.author,
      committer: c.committer,
      tree: { sha: c.tree, url: `${this.repoUrl}/git/trees/${c.tree}` },
      message: c.message,
      parents: c.parents.map((p) => ({ sha: p, url: `${this.repoUrl}/git/commits/${p}`, html_url: `${this.htmlRepo}/commit/${p}` })),
      verification: this.verification(),
    };
  }

  /** The REST `commit` object (commits list, single commit, compare). `files` only for single commits. */
  commit(c: CommitInfo, files?: FileChange[]) {
    const out: Record<string, unknown> = {
      sha: c.sha,
      node_id: nodeId('Commit', c.sha),
      commit: {
        author: c.author,
        committer: c.committer,
        message: c.message,
        tree: { sha: c.tree, url: `${this.repoUrl}/git/trees/${c.tree}` },
        url: `${this.repoUrl}/git/commits/${c.sha}`,
        comment_count: 0,
        verification: this.verification(),
      },
      url: `${this.repoUrl}/commits/${c.sha}`,
      html_url: `${this.htmlRepo}/commit/${c.sha}`,
      comments_url: `${this.repoUrl}/commits/${c.sha}/comments`,
      author: this.userByEmail(c.author.email),
      committer: this.userByEmail(c.committer.email),
      parents: c.parents.map((p) => ({ sha: p, url: `${this.repoUrl}/commits/${p}`, html_url: `${this.htmlRepo}/commit/${p}` })),
    };
    if (files) {
      const additions = files.reduce((n, f) => n + f.additions, 0);
      const deletions = files.reduce((n, f) => n + f.deletions, 0);
      out.stats = { total: additions + deletions, additions, deletions };
      out.files = files.map((f) => this.diffEntry(f, c.sha));
    }
    return out;
  }

  diffEntry(f: FileChange, ref: string) {
    const p = f.filename.split('/').map(encodeURIComponent).join('/');
    return {
      sha: f.sha,
      filename: f.filename,
      status: f.status,
      additions: f.additions,
      deletions: f.deletions,
      changes: f.changes,
      blob_url: `${this.htmlRepo}/blob/${ref}/${p}`,
      raw_url: `${this.htmlRepo}/raw/${ref}/${p}`,
      contents_url: `${this.repoUrl}/contents/${p}?ref=${ref}`,
      ...(f.patch !== undefined ? { patch: f.patch } : {}),
    };
  }

  /** An entry of the contents API (file or dir), without `content`. */
  contentEntry(path: string, type: 'file' | 'dir', sha: string, size: number, ref: string) {
    const p = path.split('/').map(encodeURIComponent).join('/');
    const self = `${this.repoUrl}/contents/${p}?ref=${encodeURIComponent(ref)}`;
    const git = `${this.repoUrl}/git/${type === 'dir' ? 'trees' : 'blobs'}/${sha}`;
    const html = `${this.htmlRepo}/${type === 'dir' ? 'tree' : 'blob'}/${ref}/${p}`;
    return {
      name: path.split('/').pop() ?? path,
      path,
      sha,
      size,
      url: self,
      html_url: html,
      git_url: git,
      download_url: type === 'file' ? `https://raw.githubusercontent.com/${this.r.owner}/${this.r.repo}/${ref}/${p}` : null,
      type,
      _links: { self, git, html },
    };
  }

  gitRef(ref: string, sha: string) {
    return {
      ref,
      node_id: nodeId('Ref', ref),
      url: `${this.repoUrl}/git/${ref}`,
      object: { sha, type: 'commit', url: `${this.repoUrl}/git/commits/${sha}` },
    };
  }
}

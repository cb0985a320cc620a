// Reading history out of the bare repository: commit headers, filtered logs and per-file diffs,
// in the shapes the REST layer needs (GitHub's `files[]` entries carry a unified-diff `patch`).
import { EMPTY_TREE, type Git } from './git';

export interface CommitInfo {
  sha: string;
  tree: string;
  parents: string[];
  author: { name: string; email: string; date: string };
  committer: { name: string; email: string; date: string };
  message: string;
}

export interface FileChange {
  filename: string;
  status: 'added' | 'removed' | 'modified';
  /** Blob sha of the new version (the old one for removals), like GitHub. */
  sha: string;
  additions: number;
  deletions: number;
  changes: number;
  patch?: string;
}

function parseIdent(line: string): { name: string; email: string; date: string } {
  const m = /^(.*) <(.*)> (\d+) ([+-]\d{4})$/.exec(line);
  if (!m) return { name: line, email: '', date: new Date(0).toISOString() };
  // GitHub reports commit dates in UTC without milliseconds.
  const date = new Date(Number(m[3]) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { name: m[1], email: m[2], date };
}

export async function readCommit(git: Git, sha: string): Promise<CommitInfo> {
  const raw = await git.text(['cat-file', 'commit', sha]);
  const split = raw.indexOf('\n\n');
  const headers = (split === -1 ? raw : raw.slice(0, split)).split('\n');
  const message = split === -1 ? '' : raw.slice(split + 2);
  const info: CommitInfo = { sha, tree: '', parents: [], author: parseIdent(''), committer: parseIdent(''), message };
  for (const h of headers) {
    const sp = h.indexOf(' ');
    const key = h.slice(0, sp);
    const value = h.slice(sp + 1);
    if (key === 'tree') info.tree = value;
    else if (key === 'parent') info.parents.push(value);
    else if (key === 'author') info.author = parseIdent(value);
    else if (key === 'committer') info.committer = parseIdent(value);
  }
  // git stores a trailing newline that GitHub does not show.
  info.message = info.message.replace(/\n$/, '');
  return info;
}

export interface LogQuery {
  path?: string;
  since?: string;
  until?: string;
  author?: string;
  skip?: number;
  max?: number;
  /** Only commits in `exclude..rev`. */
  exclude?: string;
  reverse?: boolean;
}

/** Commit shas reachable from `rev`, newest first (like GitHub's commits list). */
export async function logShas(git: Git, rev: string, q: LogQuery = {}): Promise<string[]> {
  const args = ['rev-list'];
  if (q.since) args.push(`--since=${q.since}`);
  if (q.until) args.push(`--until=${q.until}`);
  if (q.author) args.push(`--author=${q.author}`);
  if (q.skip) args.push(`--skip=${q.skip}`);
  if (q.max !== undefined) args.push(`--max-count=${q.max}`);
  if (q.reverse) args.push('--reverse');
  args.push(rev);
  if (q.exclude) args.push(`^${q.exclude}`);
  args.push('--');
  if (q.path) args.push(q.path);
  return (await git.text(args)).split('\n').filter(Boolean);
}

export async function countCommits(git: Git, from: string, to: string): Promise<number> {
  return Number((await git.text(['rev-list', '--count', to, `^${from}`])).trim());
}

/** Files changed between two commits (`base` null = root commit), with patches. */
export async function diffFiles(git: Git, base: string | null, head: string): Promise<FileChange[]> {
  const from = base ?? EMPTY_TREE;
  const raw = await git.text(['diff-tree', '-r', '--no-renames', '-z', from, head]);
  const numstat = await git.text(['diff-tree', '-r', '--no-renames', '--numstat', '-z', from, head]);
  const patchText = await git.text(['diff-tree', '-r', '--no-renames', '-p', '--no-color', from, head]);

  const files: FileChange[] = [];
  const parts = raw.split('\0').filter(Boolean);
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const [, , oldSha, newSha, status] = parts[i].slice(1).split(' ');
    const filename = parts[i + 1];
    files.push({
      filename,
      status: status === 'A' ? 'added' : status === 'D' ? 'removed' : 'modified',
      sha: status === 'D' ? oldSha : newSha,
      additions: 0,
      deletions: 0,
      changes: 0,
    });
  }
  for (const rec of numstat.split('\0').filter(Boolean)) {
    const [add, del, name] = rec.split('\t');
    const f = files.find((x) => x.filename === name);
    if (!f) continue;
    f.additions = add === '-' ? 0 : Number(add);
    f.deletions = del === '-' ? 0 : Number(del);
    f.changes = f.additions + f.deletions;
  }
  // GitHub's `patch` is the hunk text only (from the first @@), one per file.
  for (const section of patchText.split(/^diff --git /m).slice(1)) {
    const header = /^a\/(.+?) b\//.exec(section);
    const f = header && files.find((x) => x.filename === header[1]);
    const hunk = section.indexOf('\n@@');
    if (f && hunk !== -1) f.patch = section.slice(hunk + 1).replace(/\n$/, '');
  }
  return files;
}

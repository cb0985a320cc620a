// Thin wrapper over the `git` CLI for a bare repository. Everything the GitHub simulator stores
// lives in real git objects, so `git -C <repo> log -p` shows exactly what the panel committed.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';

export const ZERO_SHA = '0000000000000000000000000000000000000000';
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

export interface GitIdentity {
  name: string;
  email: string;
  /** ISO 8601 date; defaults to now. */
  date?: string;
}

export class GitError extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly stderr: string,
  ) {
    super(message);
  }
}

interface RunOptions {
  input?: string | Buffer;
  env?: Record<string, string>;
  /** Exit codes that are answers rather than failures (e.g. 1 for `merge-base --is-ancestor`). */
  okCodes?: number[];
}

// Isolate from the host's git configuration (hooks, signing, templates) so the sim behaves the same everywhere.
const BASE_ENV: Record<string, string> = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
  LC_ALL: 'C',
};

export function identityEnv(author: GitIdentity, committer: GitIdentity = author): Record<string, string> {
  const env: Record<string, string> = {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: committer.name,
    GIT_COMMITTER_EMAIL: committer.email,
  };
  if (author.date) env.GIT_AUTHOR_DATE = author.date;
  if (committer.date) env.GIT_COMMITTER_DATE = committer.date;
  return env;
}

export class Git {
  constructor(readonly gitDir: string) {}

  run(args: string[], opts: RunOptions = {}): Promise<{ stdout: Buffer; code: number }> {
    return new Promise((resolve, reject) => {
      const child = execFile(
        'git',
        ['--git-dir', this.gitDir, ...args],
        { env: { ...process.env, ...BASE_ENV, ...opts.env }, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 },
        (err, stdout, stderr) => {
          const code = err ? (typeof err.code === 'number' ? err.code : 128) : 0;
          if (code === 0 || opts.okCodes?.includes(code)) resolve({ stdout, code });
          else reject(new GitError(`git ${args[0]} failed (${code}): ${stderr.toString().trim()}`, code, stderr.toString()));
        },
      );
      // git may exit before reading stdin (e.g. a failed lookup); that EPIPE is not our error.
      child.stdin?.on('error', () => {});
      if (opts.input !== undefined) child.stdin?.end(opts.input);
      else child.stdin?.end();
    });
  }

  async text(args: string[], opts: RunOptions = {}): Promise<string> {
    return (await this.run(args, opts)).stdout.toString('utf8');
  }

  /** Resolves a ref or sha to a full sha of the wanted type, or null. */
  async resolve(rev: string, type: 'commit' | 'tree' | 'blob' | 'any' = 'commit'): Promise<string | null> {
    if (!rev || rev.startsWith('-')) return null;
    const spec = type === 'any' ? rev : `${rev}^{${type}}`;
    const { stdout, code } = await this.run(['rev-parse', '--verify', '--quiet', '--end-of-options', spec], { okCodes: [1, 128] });
    return code === 0 ? stdout.toString().trim() : null;
  }

  async objectType(sha: string): Promise<string | null> {
    const { stdout, code } = await this.run(['cat-file', '-t', sha], { okCodes: [1, 128] });
    return code === 0 ? stdout.toString().trim() : null;
  }

  async hashBlob(content: Buffer | string): Promise<string> {
    return (await this.text(['hash-object', '-w', '--stdin'], { input: content })).trim();
  }

  async readBlob(sha: string): Promise<Buffer> {
    return (await this.run(['cat-file', 'blob', sha])).stdout;
  }

  /** Blob at `<rev>:<path>`, or null when the path is not a file there. */
  async fileAt(rev: string, file: string): Promise<{ sha: string; content: Buffer } | null> {
    const sha = await this.resolve(`${rev}:${file}`, 'any');
    if (!sha || (await this.objectType(sha)) !== 'blob') return null;
    return { sha, content: await this.readBlob(sha) };
  }

  /** `git ls-tree -l`: entries of one tree (or all blobs with `recursive`). */
  async lsTree(treeish: string, opts: { recursive?: boolean; path?: string } = {}): Promise<TreeEntry[]> {
    const args = ['ls-tree', '-l', '-z', '--full-tree'];
    if (opts.recursive) args.push('-r', '-t');
    args.push(treeish);
    if (opts.path) args.push('--', opts.path);
    const out = await this.text(args);
    return out
      .split('\0')
      .filter(Boolean)
      .map((line) => {
        const tab = line.indexOf('\t');
        const [mode, type, sha, size] = line.slice(0, tab).split(/\s+/);
        return { mode, type: type as TreeEntry['type'], sha, size: size === '-' ? undefined : Number(size), path: line.slice(tab + 1) };
      });
  }

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    const { code } = await this.run(['merge-base', '--is-ancestor', ancestor, descendant], { okCodes: [1] });
    return code === 0;
  }

  async mergeBase(a: string, b: string): Promise<string | null> {
    const { stdout, code } = await this.run(['merge-base', a, b], { okCodes: [1] });
    return code === 0 ? stdout.toString().trim() : null;
  }

  /**
   * Builds a tree from `baseTree` plus changes, using a private temporary index so concurrent
   * requests never share state. `null` deletes the path (and everything below it).
   */
  async buildTree(baseTree: string | null, changes: { path: string; mode: string; sha: string | null }[]): Promise<string> {
    const indexFile = path.join(this.gitDir, `sim-index-${randomBytes(6).toString('hex')}`);
    const env = { GIT_INDEX_FILE: indexFile };
    try {
      await this.run(baseTree ? ['read-tree', baseTree] : ['read-tree', '--empty'], { env });
      // A subtree replaces whatever was at its path, so it is cleared first like a deletion.
      const deletes = changes.filter((c) => c.sha === null || c.mode === '040000').map((c) => c.path);
      if (deletes.length > 0) {
        const listed = (await this.text(['ls-files', '-z', '--cached'], { env })).split('\0').filter(Boolean);
        const gone = listed.filter((f) => deletes.some((d) => f === d || f.startsWith(`${d}/`)));
        // Mode 0 in --index-info removes an entry and, unlike --force-remove, needs no work tree.
        if (gone.length > 0) await this.run(['update-index', '-z', '--index-info'], { env, input: gone.map((f) => `0 ${ZERO_SHA}\t${f}`).join('\0') + '\0' });
      }
      for (const c of changes) {
        if (c.sha !== null && c.mode === '040000') {
          await this.run(['read-tree', `--prefix=${c.path}/`, c.sha], { env });
        }
      }
      const adds = changes.filter((c) => c.sha !== null && c.mode !== '040000');
      if (adds.length > 0) {
        const info = adds.map((c) => `${c.mode} ${c.sha}\t${c.path}`).join('\0') + '\0';
        await this.run(['update-index', '-z', '--index-info'], { env, input: info });
      }
      return (await this.text(['write-tree'], { env })).trim();
    } finally {
      await rm(indexFile, { force: true });
    }
  }

  async commitTree(tree: string, parents: string[], message: string, author: GitIdentity, committer?: GitIdentity): Promise<string> {
    const args = ['commit-tree', tree, ...parents.flatMap((p) => ['-p', p]), '-F', '-'];
    return (await this.text(args, { input: message, env: identityEnv(author, committer) })).trim();
  }

  /** Compare-and-swap of a ref: fails (false) unless it still points at `oldSha` (ZERO_SHA = must not exist). */
  async casRef(ref: string, newSha: string, oldSha: string): Promise<boolean> {
    const { code } = await this.run(['update-ref', ref, newSha, oldSha], { okCodes: [1, 128] });
    return code === 0;
  }

  async deleteRef(ref: string, oldSha: string): Promise<boolean> {
    const { code } = await this.run(['update-ref', '-d', ref, oldSha], { okCodes: [1, 128] });
    return code === 0;
  }

  async refs(prefix = 'refs/heads/'): Promise<{ ref: string; sha: string }[]> {
    const out = await this.text(['for-each-ref', '--format=%(refname) %(objectname)', prefix]);
    return out
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const [ref, sha] = l.split(' ');
        return { ref, sha };
      });
  }
}

export interface TreeEntry {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  size?: number;
  path: string;
}

/** Serializes async critical sections (ref updates) inside this process. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const prev = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((r) => (release = r));
    await prev;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

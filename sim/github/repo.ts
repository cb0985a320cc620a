// The simulated GitOps repository: a real bare git repository seeded from the catalogue, plus the
// race-safe way to move its branches (in-process mutex AND `git update-ref <new> <old>`).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { seedHistory, type SeedCommit } from '../gitops-template';
import type { GitOpsRepo } from '../types';
import { Git, Mutex, ZERO_SHA, type GitIdentity } from './git';

export interface Refusal {
  refused: true;
  status: number;
  message: string;
}

export const refuse = (status: number, message: string): Refusal => ({ refused: true, status, message });
export const isRefusal = (x: unknown): x is Refusal => typeof x === 'object' && x !== null && (x as Refusal).refused === true;

type PushListener = (e: { branch: string; before: string; after: string }) => void;

export const SOMEONE_ELSE: GitIdentity = { name: 'Someone Else', email: 'someone@example.com' };

function fastImportStream(branch: string, history: SeedCommit[], now: number): Buffer {
  const chunks: Buffer[] = [];
  const data = (s: string) => {
    const b = Buffer.from(s, 'utf8');
    chunks.push(Buffer.from(`data ${b.length}\n`), b, Buffer.from('\n'));
  };
  for (const c of history) {
    const ts = Math.floor(now / 1000) - c.ageMinutes * 60;
    const ident = `${c.author.name} <${c.author.email}> ${ts} +0000`;
    chunks.push(Buffer.from(`commit refs/heads/${branch}\nauthor ${ident}\ncommitter ${ident}\n`));
    data(c.message + '\n');
    for (const [file, content] of Object.entries(c.files)) {
      chunks.push(Buffer.from(`M 100644 inline ${file}\n`));
      data(content);
    }
    chunks.push(Buffer.from('\n'));
  }
  return Buffer.concat(chunks);
}

export class SimRepo implements GitOpsRepo {
  readonly git: Git;
  private readonly mutex = new Mutex();
  private readonly listeners = new Set<PushListener>();

  private constructor(
    readonly path: string,
    readonly branch: string,
    readonly identity: GitIdentity,
  ) {
    this.git = new Git(path);
  }

  /** Creates `<dir>/<repo>.git` and writes the seed history into it in one `git fast-import`. */
  static async create(opts: { dir: string; repo: string; branch: string; owner: string; ownerId: number; devAhead?: boolean }): Promise<SimRepo> {
    await mkdir(opts.dir, { recursive: true });
    const gitDir = path.join(opts.dir, `${opts.repo}.git`);
    const history = seedHistory({ owner: opts.owner, ownerId: opts.ownerId, devAhead: opts.devAhead });
    const repo = new SimRepo(gitDir, opts.branch, history[0].author);
    await repo.git.run(['-c', `init.defaultBranch=${opts.branch}`, 'init', '--bare', '--quiet'], {});
    await repo.git.run(['fast-import', '--quiet', '--done'], { input: Buffer.concat([fastImportStream(opts.branch, history, Date.now()), Buffer.from('done\n')]) });
    return repo;
  }

  async tryHead(branch: string = this.branch): Promise<string | null> {
    return this.git.resolve(`refs/heads/${branch}`);
  }

  async head(branch: string = this.branch): Promise<string> {
    const sha = await this.tryHead(branch);
    if (!sha) throw new Error(`branch ${branch} does not exist`);
    return sha;
  }

  /** Resolves a branch name or commit sha (GitHub's `ref` parameters) to a commit. */
  async resolveRef(ref: string | undefined): Promise<string | null> {
    if (!ref) return this.tryHead();
    const stripped = ref.replace(/^refs\/heads\//, '');
    return (await this.tryHead(stripped)) ?? (/^[0-9a-f]{4,40}$/i.test(ref) ? this.git.resolve(ref) : null);
  }

  async readFile(ref: string, file: string): Promise<string | null> {
    const commit = await this.resolveRef(ref);
    if (!commit) return null;
    const blob = await this.git.fileAt(commit, file);
    return blob ? blob.content.toString('utf8') : null;
  }

  onPush(listener: PushListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(e: { branch: string; before: string; after: string }) {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch {
        // A listener's bug must not turn a successful push into a failed API call.
      }
    }
  }

  /**
   * Moves (or creates) a branch. `plan` sees the current head under the lock and returns the new
   * sha or a refusal; the ref is then compare-and-swapped so even an outside `git push` cannot be lost.
   */
  async moveBranch<T extends { sha: string }>(branch: string, plan: (before: string | null) => Promise<T | Refusal>): Promise<(T & { before: string | null }) | Refusal> {
    const out = await this.mutex.run(async () => {
      const before = await this.tryHead(branch);
      const r = await plan(before);
      if (isRefusal(r)) return r;
      if (r.sha === before) return { ...r, before };
      const ok = await this.git.casRef(`refs/heads/${branch}`, r.sha, before ?? ZERO_SHA);
      if (!ok) return refuse(409, `Reference cannot be updated`);
      return { ...r, before };
    });
    if (!isRefusal(out) && out.sha !== out.before) this.notify({ branch, before: out.before ?? ZERO_SHA, after: out.sha });
    return out;
  }

  async deleteBranch(branch: string): Promise<boolean> {
    return this.mutex.run(async () => {
      const before = await this.tryHead(branch);
      return before !== null && (await this.git.deleteRef(`refs/heads/${branch}`, before));
    });
  }

  /** Tree of `parent` with whole-file changes applied (null deletes). */
  async treeWith(parent: string | null, files: Record<string, string | Buffer | null>): Promise<string> {
    const changes = await Promise.all(
      Object.entries(files).map(async ([p, content]) => ({
        path: p,
        mode: '100644',
        sha: content === null ? null : await this.git.hashBlob(content),
      })),
    );
    const base = parent ? await this.git.resolve(parent, 'tree') : null;
    return this.git.buildTree(base, changes);
  }

  /** Commits files on top of a branch head; `check` may refuse after seeing the current head. */
  async commitFiles(input: {
    branch?: string;
    message: string;
    files: Record<string, string | Buffer | null>;
    author?: GitIdentity;
    committer?: GitIdentity;
    check?: (head: string) => Promise<Refusal | null>;
  }): Promise<{ sha: string; before: string | null } | Refusal> {
    const branch = input.branch ?? this.branch;
    return this.moveBranch(branch, async (head) => {
      if (!head) return refuse(404, `Branch ${branch} not found`);
      const problem = input.check ? await input.check(head) : null;
      if (problem) return problem;
      const tree = await this.treeWith(head, input.files);
      const now = new Date().toISOString();
      const author = { ...(input.author ?? this.identity), date: input.author?.date ?? now };
      const committer = { ...(input.committer ?? author), date: input.committer?.date ?? now };
      return { sha: await this.git.commitTree(tree, [head], input.message, author, committer) };
    });
  }

  async externalCommit(input: { branch?: string; message: string; files: Record<string, string> }): Promise<string> {
    const r = await this.commitFiles({ ...input, author: SOMEONE_ELSE });
    if (isRefusal(r)) throw new Error(r.message);
    return r.sha;
  }
}

// Contents API: GET a file or directory at a ref, PUT a file as one commit (sha-checked like GitHub).
import { route, type Ctx, type Route } from './context';
import { readCommit } from './history';
import { HttpError, base64Wrapped, decodeBase64, str } from './http';
import { refuse, isRefusal } from './repo';
import type { GitIdentity } from './git';

function cleanPath(p: string | undefined): string {
  return (p ?? '').replace(/^\/+|\/+$/g, '');
}

function identity(v: unknown): GitIdentity | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  const name = str(o.name);
  const email = str(o.email);
  if (!name || !email) throw new HttpError(422, 'Invalid request.\n\n"name" and "email" are required for author/committer.');
  return { name, email, date: str(o.date) };
}

async function getContents(ctx: Ctx, m: RegExpExecArray) {
  const { repo, shapes } = ctx;
  const ref = ctx.query.get('ref') ?? undefined;
  const commit = await repo.resolveRef(ref);
  if (!commit) throw new HttpError(404, `No commit found for the ref ${ref}`);
  const refName = ref ?? repo.branch;
  const p = cleanPath(m[1]);
  const sha = p === '' ? await repo.git.resolve(commit, 'tree') : await repo.git.resolve(`${commit}:${p}`, 'any');
  if (!sha) throw new HttpError(404, 'Not Found');
  const type = p === '' ? 'tree' : await repo.git.objectType(sha);
  if (type === 'blob') {
    const content = await repo.git.readBlob(sha);
    return {
      status: 200,
      body: { ...shapes.contentEntry(p, 'file', sha, content.length, refName), content: base64Wrapped(content), encoding: 'base64' },
    };
  }
  if (type !== 'tree') throw new HttpError(404, 'Not Found');
  const entries = await repo.git.lsTree(sha);
  const body = entries
    .filter((e) => e.type !== 'commit')
    .map((e) => shapes.contentEntry(p ? `${p}/${e.path}` : e.path, e.type === 'tree' ? 'dir' : 'file', e.sha, e.size ?? 0, refName));
  return { status: 200, body };
}

async function putContents(ctx: Ctx, m: RegExpExecArray) {
  const { repo, shapes } = ctx;
  const p = cleanPath(m[1]);
  const b = await ctx.body();
  const message = str(b.message);
  const content = str(b.content);
  if (!message) throw new HttpError(422, 'Invalid request.\n\n"message" wasn\'t supplied.');
  if (content === undefined) throw new HttpError(422, 'Invalid request.\n\n"content" wasn\'t supplied.');
  const expected = str(b.sha);
  const author = identity(b.author);
  const committer = identity(b.committer) ?? author;
  let created = false;
  const result = await repo.commitFiles({
    branch: str(b.branch) ?? repo.branch,
    message,
    files: { [p]: decodeBase64(content) },
    author,
    committer,
    // Runs under the ref lock, against the head the commit will be made on: no lost updates.
    check: async (head) => {
      const existing = await repo.git.fileAt(head, p);
      created = existing === null;
      if (existing && !expected) return refuse(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
      if (expected && existing?.sha !== expected) return refuse(409, `${p} does not match ${expected}`);
      return null;
    },
  });
  if (isRefusal(result)) throw new HttpError(result.status, result.message);
  const info = await readCommit(repo.git, result.sha);
  const blob = await repo.git.fileAt(result.sha, p);
  const branch = str(b.branch) ?? repo.branch;
  const entry = shapes.contentEntry(p, 'file', blob?.sha ?? '', blob?.content.length ?? 0, branch);
  return { status: created ? 201 : 200, body: { content: entry, commit: shapes.gitCommit(info) } };
}

export const contentRoutes: Route[] = [
  route('GET', /^\/contents(?:\/(.*))?$/, getContents),
  route('PUT', /^\/contents\/(.+)$/, putContents),
];

// Git data API: refs (with fast-forward checks), blobs, trees (with base_tree) and commits.
import { route, type Ctx, type Route } from './context';
import { readCommit } from './history';
import { HttpError, base64Wrapped, decodeBase64, str } from './http';
import { isRefusal, refuse } from './repo';
import type { GitIdentity } from './git';

const SHA = /^[0-9a-f]{40}$/;

function branchOf(ref: string): string {
  if (!ref.startsWith('heads/')) throw new HttpError(404, 'Not Found');
  return ref.slice('heads/'.length);
}

async function listRefs(ctx: Ctx, prefix: string) {
  const all = await ctx.repo.git.refs('refs/heads/');
  return all.filter((r) => r.ref.startsWith(`refs/${prefix}`)).map((r) => ctx.shapes.gitRef(r.ref, r.sha));
}

async function getRef(ctx: Ctx, m: RegExpExecArray) {
  const sha = await ctx.repo.tryHead(branchOf(m[1]));
  if (!sha) throw new HttpError(404, 'Not Found');
  return { status: 200, body: ctx.shapes.gitRef(`refs/${m[1]}`, sha) };
}

/** Legacy `GET /git/refs/{ref}`: the exact ref as an object, else the prefix matches as an array. */
async function getRefs(ctx: Ctx, m: RegExpExecArray) {
  const prefix = m[1] ?? '';
  const matches = await listRefs(ctx, prefix);
  const exact = matches.find((r) => r.ref === `refs/${prefix}`);
  if (exact) return { status: 200, body: exact };
  if (matches.length === 0) throw new HttpError(404, 'Not Found');
  return { status: 200, body: matches };
}

async function updateRef(ctx: Ctx, m: RegExpExecArray) {
  const b = await ctx.body();
  const sha = str(b.sha);
  if (!sha) throw new HttpError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
  const force = b.force === true;
  const branch = m[1].startsWith('heads/') ? m[1].slice(6) : null;
  if (!branch) throw new HttpError(422, 'Reference does not exist');
  if (!SHA.test(sha) || (await ctx.repo.git.objectType(sha)) !== 'commit') throw new HttpError(422, 'Object does not exist');
  const r = await ctx.repo.moveBranch(branch, async (before) => {
    if (!before) return refuse(422, 'Reference does not exist');
    if (!force && !(await ctx.repo.git.isAncestor(before, sha))) return refuse(422, 'Update is not a fast forward');
    return { sha };
  });
  if (isRefusal(r)) throw new HttpError(r.status, r.message);
  return { status: 200, body: ctx.shapes.gitRef(`refs/heads/${branch}`, sha) };
}

async function createRef(ctx: Ctx) {
  const b = await ctx.body();
  const ref = str(b.ref) ?? '';
  const sha = str(b.sha);
  if (!ref.startsWith('refs/') || ref.split('/').length < 3) throw new HttpError(422, "ref must start with 'refs' and have at least two slashes.");
  if (!ref.startsWith('refs/heads/')) throw new HttpError(422, 'Reference update failed');
  if (!sha || !SHA.test(sha) || (await ctx.repo.git.objectType(sha)) !== 'commit') throw new HttpError(422, 'Object does not exist');
  const branch = ref.slice('refs/heads/'.length);
  const r = await ctx.repo.moveBranch(branch, async (before) => (before ? refuse(422, 'Reference already exists') : { sha }));
  if (isRefusal(r)) throw new HttpError(r.status, r.message);
  return { status: 201, body: ctx.shapes.gitRef(ref, sha), headers: { location: `${ctx.shapes.repoUrl}/git/${ref}` } };
}

async function deleteRef(ctx: Ctx, m: RegExpExecArray) {
  const branch = m[1].startsWith('heads/') ? m[1].slice(6) : null;
  if (!branch || !(await ctx.repo.deleteBranch(branch))) throw new HttpError(422, 'Reference does not exist');
  return { status: 204 };
}

async function createBlob(ctx: Ctx) {
  const b = await ctx.body();
  const content = str(b.content);
  if (content === undefined) throw new HttpError(422, 'Invalid request.\n\n"content" wasn\'t supplied.');
  const encoding = str(b.encoding) ?? 'utf-8';
  if (encoding !== 'utf-8' && encoding !== 'base64') throw new HttpError(422, `encoding must be either 'utf-8' or 'base64'`);
  const sha = await ctx.repo.git.hashBlob(encoding === 'base64' ? decodeBase64(content) : Buffer.from(content, 'utf8'));
  return { status: 201, body: { sha, url: `${ctx.shapes.repoUrl}/git/blobs/${sha}` }, headers: { location: `${ctx.shapes.repoUrl}/git/blobs/${sha}` } };
}

async function getBlob(ctx: Ctx, m: RegExpExecArray) {
  if ((await ctx.repo.git.objectType(m[1])) !== 'blob') throw new HttpError(404, 'Not Found');
  const content = await ctx.repo.git.readBlob(m[1]);
  const body = { sha: m[1], node_id: Buffer.from(`Blob:${m[1]}`).toString('base64'), size: content.length, url: `${ctx.shapes.repoUrl}/git/blobs/${m[1]}`, content: base64Wrapped(content), encoding: 'base64' };
  return { status: 200, body };
}

async function treeBody(ctx: Ctx, tree: string, recursive: boolean) {
  const entries = await ctx.repo.git.lsTree(tree, { recursive });
  return {
    sha: tree,
    url: `${ctx.shapes.repoUrl}/git/trees/${tree}`,
    tree: entries.map((e) => ({
      path: e.path,
      mode: e.mode,
      type: e.type,
      sha: e.sha,
      ...(e.type === 'blob' ? { size: e.size ?? 0 } : {}),
      url: `${ctx.shapes.repoUrl}/git/${e.type === 'tree' ? 'trees' : 'blobs'}/${e.sha}`,
    })),
    truncated: false,
  };
}

async function createTree(ctx: Ctx) {
  const b = await ctx.body();
  if (!Array.isArray(b.tree)) throw new HttpError(422, "Invalid request.\n\nFor 'properties/tree', nil is not an array.");
  const git = ctx.repo.git;
  let base: string | null = null;
  if (b.base_tree !== undefined && b.base_tree !== null) {
    base = await git.resolve(String(b.base_tree), 'tree');
    if (!base) throw new HttpError(422, 'Invalid request.\n\nbase_tree is not a valid tree oid');
  }
  const changes: { path: string; mode: string; sha: string | null }[] = [];
  for (const raw of b.tree as Record<string, unknown>[]) {
    const path = str(raw.path);
    const mode = str(raw.mode);
    const type = str(raw.type) ?? 'blob';
    if (!path || !mode || !['100644', '100755', '040000', '160000', '120000'].includes(mode)) throw new HttpError(422, 'Invalid tree info');
    if (mode === '160000') throw new HttpError(422, 'Invalid tree info: submodules are not supported by the simulator');
    if (raw.content !== undefined) {
      changes.push({ path, mode, sha: await git.hashBlob(String(raw.content)) });
    } else if (raw.sha === null) {
      changes.push({ path, mode, sha: null });
    } else {
      const sha = str(raw.sha);
      const want = type === 'tree' || mode === '040000' ? 'tree' : 'blob';
      if (!sha || !SHA.test(sha) || (await git.objectType(sha)) !== want) throw new HttpError(422, 'GitRPC::BadObjectState');
      changes.push({ path, mode: want === 'tree' ? '040000' : mode, sha });
    }
  }
  const tree = await git.buildTree(base, changes);
  return { status: 201, body: await treeBody(ctx, tree, false), headers: { location: `${ctx.shapes.repoUrl}/git/trees/${tree}` } };
}

async function getTree(ctx: Ctx, m: RegExpExecArray) {
  const tree = await ctx.repo.git.resolve(m[1].replace(/^refs\/heads\//, ''), 'tree');
  if (!tree) throw new HttpError(404, 'Not Found');
  const recursive = ['1', 'true'].includes(ctx.query.get('recursive') ?? '') || ctx.query.has('recursive');
  return { status: 200, body: await treeBody(ctx, tree, recursive) };
}

function identity(v: unknown, fallback: GitIdentity): GitIdentity {
  if (typeof v !== 'object' || v === null) return fallback;
  const o = v as Record<string, unknown>;
  return { name: str(o.name) ?? fallback.name, email: str(o.email) ?? fallback.email, date: str(o.date) ?? fallback.date };
}

async function createCommit(ctx: Ctx) {
  const b = await ctx.body();
  const git = ctx.repo.git;
  const message = str(b.message);
  const tree = str(b.tree);
  if (!message) throw new HttpError(422, 'Invalid request.\n\n"message" wasn\'t supplied.');
  if (!tree || !SHA.test(tree) || (await git.objectType(tree)) !== 'tree') throw new HttpError(422, 'Tree SHA does not exist');
  const parents = Array.isArray(b.parents) ? b.parents.map(String) : [];
  for (const p of parents) {
    if (!SHA.test(p) || (await git.objectType(p)) !== 'commit') throw new HttpError(422, 'Parent SHA does not exist or is not a commit object');
  }
  const now = new Date().toISOString();
  const author = identity(b.author, { ...ctx.repo.identity, date: now });
  const committer = identity(b.committer, { ...author, date: author.date ?? now });
  const sha = await git.commitTree(tree, parents, message, author, committer);
  const info = await readCommit(git, sha);
  return { status: 201, body: ctx.shapes.gitCommit(info), headers: { location: `${ctx.shapes.repoUrl}/git/commits/${sha}` } };
}

async function getCommit(ctx: Ctx, m: RegExpExecArray) {
  if ((await ctx.repo.git.objectType(m[1])) !== 'commit') throw new HttpError(404, 'Not Found');
  return { status: 200, body: ctx.shapes.gitCommit(await readCommit(ctx.repo.git, m[1])) };
}

export const gitRoutes: Route[] = [
  route('GET', /^\/git\/ref\/(.+)$/, getRef),
  route('GET', /^\/git\/refs(?:\/(.*))?$/, getRefs),
  route('GET', /^\/git\/matching-refs\/(.*)$/, async (ctx, m) => ({ status: 200, body: await listRefs(ctx, m[1]) })),
  route('PATCH', /^\/git\/refs\/(.+)$/, updateRef),
  route('POST', /^\/git\/refs$/, createRef),
  route('DELETE', /^\/git\/refs\/(.+)$/, deleteRef),
  route('POST', /^\/git\/blobs$/, createBlob),
  route('GET', /^\/git\/blobs\/([0-9a-f]{40})$/, getBlob),
  route('POST', /^\/git\/trees$/, createTree),
  route('GET', /^\/git\/trees\/(.+)$/, getTree),
  route('POST', /^\/git\/commits$/, createCommit),
  route('GET', /^\/git\/commits\/([0-9a-f]{40})$/, getCommit),
];

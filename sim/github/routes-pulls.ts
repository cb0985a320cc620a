// Pull request endpoints: create, get, list, update (close/reopen) and merge.
import { linkHeader, paging, route, type Ctx, type Route } from './context';
import { logShas, readCommit } from './history';
import { HttpError, str, validationFailed } from './http';
import { isRefusal, refuse } from './repo';
import type { Pull } from './pulls';

const GITHUB_COMMITTER = { name: 'GitHub', email: 'noreply@github.com' };

function branchName(ctx: Ctx, v: string): string {
  // `head` may be "owner:branch".
  const i = v.indexOf(':');
  return i >= 0 && v.slice(0, i) === ctx.shapes.r.owner ? v.slice(i + 1) : v;
}

function pullOr404(ctx: Ctx, n: string): Pull {
  const pr = ctx.pulls.get(Number(n));
  if (!pr) throw new HttpError(404, 'Not Found');
  return pr;
}

async function createPull(ctx: Ctx) {
  const b = await ctx.body();
  const title = str(b.title);
  const headIn = str(b.head);
  const baseIn = str(b.base);
  if (!headIn || !baseIn) throw new HttpError(422, `Invalid request.\n\n"${headIn ? 'base' : 'head'}" wasn't supplied.`);
  if (!title) throw validationFailed('PullRequest', 'title', 'missing_field');
  const head = branchName(ctx, headIn);
  const base = branchName(ctx, baseIn);
  const headSha = await ctx.repo.tryHead(head);
  const baseSha = await ctx.repo.tryHead(base);
  if (!headSha) throw new HttpError(422, 'Validation Failed', { errors: [{ resource: 'PullRequest', field: 'head', code: 'invalid' }] });
  if (!baseSha) throw new HttpError(422, 'Validation Failed', { errors: [{ resource: 'PullRequest', field: 'base', code: 'invalid' }] });
  if (ctx.pulls.list().some((p) => p.state === 'open' && p.head === head && p.base === base)) {
    throw validationFailed('PullRequest', `A pull request already exists for ${ctx.shapes.r.owner}:${head}.`);
  }
  if (await ctx.repo.git.isAncestor(headSha, baseSha)) throw validationFailed('PullRequest', `No commits between ${base} and ${head}`);
  const pr = ctx.pulls.create({ title, body: str(b.body) ?? null, head, base, draft: b.draft === true });
  const body = await ctx.pulls.json(pr, true);
  return { status: 201, body, headers: { location: String(body.url) } };
}

async function listPulls(ctx: Ctx) {
  const q = ctx.query;
  const state = q.get('state') ?? 'open';
  const head = q.get('head') ? branchName(ctx, q.get('head') as string) : null;
  const base = q.get('base');
  const all = ctx.pulls.list().filter((p) => (state === 'all' || p.state === state) && (!head || p.head === head) && (!base || p.base === base));
  const { perPage, page } = paging(q);
  const slice = all.slice((page - 1) * perPage, page * perPage);
  const body = await Promise.all(slice.map((p) => ctx.pulls.json(p, false)));
  return { status: 200, body, headers: linkHeader(`${ctx.shapes.repoUrl}/pulls`, q, page, all.length > page * perPage) };
}

async function updatePull(ctx: Ctx, m: RegExpExecArray) {
  const pr = pullOr404(ctx, m[1]);
  const b = await ctx.body();
  if (str(b.title)) pr.title = str(b.title) as string;
  if (b.body !== undefined) pr.body = str(b.body) ?? null;
  const state = str(b.state);
  if (state === 'closed' && pr.state === 'open') {
    const { head, base } = await ctx.pulls.shas(pr);
    pr.state = 'closed';
    pr.closedAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    if (head && base) pr.frozen = { head, base };
  } else if (state === 'open' && pr.state === 'closed' && !pr.merged) {
    pr.state = 'open';
    pr.closedAt = null;
    pr.frozen = null;
  }
  ctx.pulls.touch(pr);
  return { status: 200, body: await ctx.pulls.json(pr, true) };
}

async function mergePull(ctx: Ctx, m: RegExpExecArray) {
  const pr = pullOr404(ctx, m[1]);
  const b = await ctx.body();
  if (pr.state !== 'open' || pr.merged) throw new HttpError(405, 'Pull Request is not mergeable');
  const method = str(b.merge_method) ?? 'merge';
  if (!['merge', 'squash', 'rebase'].includes(method)) throw validationFailed('PullRequest', `merge_method must be one of merge, squash, rebase`, 'invalid');
  const headSha = await ctx.repo.tryHead(pr.head);
  if (!headSha) throw new HttpError(405, 'Pull Request is not mergeable');
  const expected = str(b.sha);
  if (expected && expected !== headSha) throw new HttpError(409, 'Head branch was modified. Review and try the merge again.');
  const git = ctx.repo.git;
  const author = { ...ctx.repo.identity, date: new Date().toISOString() };
  const committer = { ...GITHUB_COMMITTER, date: author.date };
  let baseBefore = '';
  const r = await ctx.repo.moveBranch(pr.base, async (base) => {
    if (!base) return refuse(405, 'Pull Request is not mergeable');
    baseBefore = base;
    if (method === 'rebase') {
      // Only the fast-forward case: the simulator does not replay commits.
      return (await git.isAncestor(base, headSha)) ? { sha: headSha } : refuse(405, "This branch can't be rebased");
    }
    const tree = await ctx.pulls.mergeTree(base, headSha);
    if (!tree) return refuse(405, 'Pull Request is not mergeable');
    if (method === 'squash') {
      const msgs = await Promise.all((await logShas(git, headSha, { exclude: base, reverse: true })).map(async (s) => `* ${(await readCommit(git, s)).message}`));
      const title = str(b.commit_title) ?? `${pr.title} (#${pr.number})`;
      const message = `${title}\n\n${str(b.commit_message) ?? msgs.join('\n\n')}`;
      return { sha: await git.commitTree(tree, [base], message, author, committer) };
    }
    const title = str(b.commit_title) ?? `Merge pull request #${pr.number} from ${ctx.shapes.r.owner}/${pr.head}`;
    const message = `${title}\n\n${str(b.commit_message) ?? pr.title}`;
    return { sha: await git.commitTree(tree, [base, headSha], message, author, committer) };
  });
  if (isRefusal(r)) throw new HttpError(r.status, r.message);
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  Object.assign(pr, { state: 'closed', merged: true, mergedAt: now, closedAt: now, mergeCommitSha: r.sha, frozen: { head: headSha, base: baseBefore } });
  ctx.pulls.touch(pr);
  return { status: 200, body: { sha: r.sha, merged: true, message: 'Pull Request successfully merged' } };
}

export const pullRoutes: Route[] = [
  route('POST', /^\/pulls$/, createPull),
  route('GET', /^\/pulls$/, listPulls),
  route('GET', /^\/pulls\/(\d+)$/, async (ctx, m) => ({ status: 200, body: await ctx.pulls.json(pullOr404(ctx, m[1]), true) })),
  route('PATCH', /^\/pulls\/(\d+)$/, updatePull),
  route('PUT', /^\/pulls\/(\d+)\/merge$/, mergePull),
  route('GET', /^\/pulls\/(\d+)\/merge$/, async (ctx, m) => {
    if (!pullOr404(ctx, m[1]).merged) throw new HttpError(404, 'Not Found');
    return { status: 204 };
  }),
];

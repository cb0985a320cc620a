// Repository metadata, commits list/detail (with files and patches) and compare.
import { linkHeader, paging, route, type Ctx, type Route } from './context';
import { countCommits, diffFiles, logShas, readCommit } from './history';
import { HttpError } from './http';
import { RENOVATE_IDENTITY } from '../gitops-template';

async function getRepo(ctx: Ctx) {
  const head = await ctx.repo.head();
  const info = await readCommit(ctx.repo.git, head);
  return { status: 200, body: ctx.shapes.repository(info.committer.date, true) };
}

/** GitHub's `author` filter takes a login or an email; git's --author matches "Name <email>". */
function authorPattern(ctx: Ctx, author: string | null): string | undefined {
  if (!author) return undefined;
  if (author === ctx.shapes.r.owner) return `${ctx.shapes.r.ownerId}+${ctx.shapes.r.owner}@`;
  if (author === 'renovate[bot]') return RENOVATE_IDENTITY.email.replace(/[[\]]/g, '\\$&');
  return author.replace(/[[\]().*+?^$\\|]/g, '\\$&');
}

async function listCommits(ctx: Ctx) {
  const q = ctx.query;
  const ref = q.get('sha') ?? undefined;
  const start = await ctx.repo.resolveRef(ref);
  if (!start) throw new HttpError(404, `No commit found for SHA: ${ref}`);
  const { perPage, page } = paging(q);
  const shas = await logShas(ctx.repo.git, start, {
    path: q.get('path')?.replace(/^\/+/, '') || undefined,
    since: q.get('since') ?? undefined,
    until: q.get('until') ?? undefined,
    author: authorPattern(ctx, q.get('author')),
    skip: (page - 1) * perPage,
    max: perPage + 1,
  });
  const hasNext = shas.length > perPage;
  const body = await Promise.all(shas.slice(0, perPage).map(async (s) => ctx.shapes.commit(await readCommit(ctx.repo.git, s))));
  return { status: 200, body, headers: linkHeader(`${ctx.shapes.repoUrl}/commits`, q, page, hasNext) };
}

async function getCommit(ctx: Ctx, m: RegExpExecArray) {
  const sha = await ctx.repo.resolveRef(m[1]);
  if (!sha) throw new HttpError(422, `No commit found for SHA: ${m[1]}`);
  const info = await readCommit(ctx.repo.git, sha);
  const files = await diffFiles(ctx.repo.git, info.parents[0] ?? null, sha);
  return { status: 200, body: ctx.shapes.commit(info, files) };
}

async function compare(ctx: Ctx, m: RegExpExecArray) {
  const spec = m[1];
  const sep = spec.includes('...') ? '...' : '..';
  const [baseRef, headRef] = spec.split(sep);
  const git = ctx.repo.git;
  const base = baseRef ? await ctx.repo.resolveRef(baseRef) : null;
  const head = headRef ? await ctx.repo.resolveRef(headRef) : null;
  if (!base || !head) throw new HttpError(404, 'Not Found');
  const mergeBase = await git.mergeBase(base, head);
  if (!mergeBase) throw new HttpError(404, `No common ancestor between ${baseRef} and ${headRef}.`);
  const aheadBy = await countCommits(git, base, head);
  const behindBy = await countCommits(git, head, base);
  const status = aheadBy && behindBy ? 'diverged' : aheadBy ? 'ahead' : behindBy ? 'behind' : 'identical';
  // GitHub lists at most 250 commits of the range, oldest first.
  const shas = await logShas(git, head, { exclude: base, reverse: true });
  const commits = await Promise.all(shas.slice(-250).map(async (s) => ctx.shapes.commit(await readCommit(git, s))));
  const files = await diffFiles(git, mergeBase, head);
  const u = ctx.shapes.repoUrl;
  const html = ctx.shapes.htmlRepo;
  return {
    status: 200,
    body: {
      url: `${u}/compare/${baseRef}...${headRef}`,
      html_url: `${html}/compare/${baseRef}...${headRef}`,
      permalink_url: `${html}/compare/${ctx.shapes.r.owner}:${base.slice(0, 7)}...${ctx.shapes.r.owner}:${head.slice(0, 7)}`,
      diff_url: `${html}/compare/${baseRef}...${headRef}.diff`,
      patch_url: `${html}/compare/${baseRef}...${headRef}.patch`,
      base_commit: ctx.shapes.commit(await readCommit(git, base)),
      merge_base_commit: ctx.shapes.commit(await readCommit(git, mergeBase)),
      status,
      ahead_by: aheadBy,
      behind_by: behindBy,
      total_commits: aheadBy,
      commits,
      files: files.map((f) => ctx.shapes.diffEntry(f, head)),
    },
  };
}

export const commitRoutes: Route[] = [
  route('GET', /^$/, getRepo),
  route('GET', /^\/commits$/, listCommits),
  route('GET', /^\/commits\/(.+)$/, getCommit),
  route('GET', /^\/compare\/(.+)$/, compare),
];

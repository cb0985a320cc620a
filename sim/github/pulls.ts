// Pull requests: kept in memory (GitHub keeps them outside git too); merges are real git merges.
import { countCommits, diffFiles } from './history';
import type { SimRepo } from './repo';
import type { Shapes } from './shapes';

export interface Pull {
  number: number;
  id: number;
  title: string;
  body: string | null;
  head: string;
  base: string;
  draft: boolean;
  state: 'open' | 'closed';
  merged: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  mergeCommitSha: string | null;
  /** Head/base shas frozen when the PR was merged or closed (branches may be deleted afterwards). */
  frozen: { head: string; base: string } | null;
}

const iso = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

export class PullStore {
  private pulls: Pull[] = [];
  private next = 1;

  constructor(
    private readonly repo: SimRepo,
    private readonly shapes: Shapes,
  ) {}

  create(input: { title: string; body: string | null; head: string; base: string; draft: boolean }): Pull {
    const now = iso();
    const number = this.next++;
    const pr: Pull = { ...input, number, id: 2_000_000_000 + number, state: 'open', merged: false, createdAt: now, updatedAt: now, closedAt: null, mergedAt: null, mergeCommitSha: null, frozen: null };
    this.pulls.push(pr);
    return pr;
  }

  get(n: number): Pull | undefined {
    return this.pulls.find((p) => p.number === n);
  }

  list(): Pull[] {
    return [...this.pulls].reverse();
  }

  touch(pr: Pull) {
    pr.updatedAt = iso();
  }

  /** Tree of the merge of head into base, or null on conflicts (`git merge-tree --write-tree`). */
  async mergeTree(baseSha: string, headSha: string): Promise<string | null> {
    const { stdout, code } = await this.repo.git.run(['merge-tree', '--write-tree', '--no-messages', baseSha, headSha], { okCodes: [1] });
    return code === 0 ? stdout.toString().split('\n')[0].trim() : null;
  }

  async shas(pr: Pull): Promise<{ head: string | null; base: string | null }> {
    if (pr.frozen) return pr.frozen;
    return { head: await this.repo.tryHead(pr.head), base: await this.repo.tryHead(pr.base) };
  }

  /** JSON of a PR; `full` adds the fields only `GET /pulls/{n}` has (mergeable, counts). */
  async json(pr: Pull, full: boolean) {
    const s = this.shapes;
    const u = `${s.repoUrl}/pulls/${pr.number}`;
    const issue = `${s.repoUrl}/issues/${pr.number}`;
    const html = `${s.htmlRepo}/pull/${pr.number}`;
    const { head, base } = await this.shas(pr);
    const repoJson = s.repository(pr.updatedAt);
    const side = (ref: string, sha: string | null) => ({ label: `${s.r.owner}:${ref}`, ref, sha: sha ?? '', user: s.owner(), repo: repoJson });
    const out: Record<string, unknown> = {
      url: u,
      id: pr.id,
      node_id: Buffer.from(`PullRequest:${pr.id}`).toString('base64'),
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: issue,
      commits_url: `${u}/commits`,
      review_comments_url: `${u}/comments`,
      review_comment_url: `${s.repoUrl}/pulls/comments{/number}`,
      comments_url: `${issue}/comments`,
      statuses_url: `${s.repoUrl}/statuses/${head ?? ''}`,
      number: pr.number,
      state: pr.state,
      locked: false,
      title: pr.title,
      user: s.owner(),
      body: pr.body,
      labels: [],
      milestone: null,
      active_lock_reason: null,
      created_at: pr.createdAt,
      updated_at: pr.updatedAt,
      closed_at: pr.closedAt,
      merged_at: pr.mergedAt,
      merge_commit_sha: pr.mergeCommitSha,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      head: side(pr.head, head),
      base: side(pr.base, base),
      _links: {
        self: { href: u },
        html: { href: html },
        issue: { href: issue },
        comments: { href: `${issue}/comments` },
        review_comments: { href: `${u}/comments` },
        review_comment: { href: `${s.repoUrl}/pulls/comments{/number}` },
        commits: { href: `${u}/commits` },
        statuses: { href: `${s.repoUrl}/statuses/${head ?? ''}` },
      },
      author_association: 'OWNER',
      auto_merge: null,
      draft: pr.draft,
    };
    if (!full) return out;
    let mergeable: boolean | null = null;
    let commits = 0;
    let additions = 0;
    let deletions = 0;
    let changedFiles = 0;
    if (head && base) {
      const mb = await this.repo.git.mergeBase(base, head);
      commits = await countCommits(this.repo.git, base, head);
      const files = mb ? await diffFiles(this.repo.git, mb, head) : [];
      changedFiles = files.length;
      additions = files.reduce((n, f) => n + f.additions, 0);
      deletions = files.reduce((n, f) => n + f.deletions, 0);
      if (pr.state === 'open') mergeable = (await this.mergeTree(base, head)) !== null;
    }
    return {
      ...out,
      merged: pr.merged,
      mergeable,
      rebaseable: mergeable,
      mergeable_state: pr.state !== 'open' ? 'unknown' : mergeable ? 'clean' : 'dirty',
      merged_by: pr.merged ? s.owner() : null,
      comments: 0,
      review_comments: 0,
      maintainer_can_modify: false,
      commits,
      additions,
      deletions,
      changed_files: changedFiles,
    };
  }
}

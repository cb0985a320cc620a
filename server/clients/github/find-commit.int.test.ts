// A commit that landed is found by its trailer however many commits followed it (the 31st and the
// 131st newest), against the GitHub simulator's real repository and paginated commits API.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGithubSim, type GithubSim } from '@/sim/github';
import { connectGithub, findCommitWith } from './index';

const TOKEN = 'ghp_findcommittest000000000000000000000';

describe('findCommitWith', () => {
  let dir: string;
  let sim: GithubSim;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'find-commit-'));
    sim = await startGithubSim({ dir, token: TOKEN });
  });
  afterAll(async () => {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });
  const gh = () => connectGithub({ apiUrl: sim.url, owner: 'paul', repo: 'homelab', branch: 'main', token: TOKEN, tls: { caFile: sim.caFile, insecureSkipVerify: false } });
  const follow = async (n: number, tag: string) => {
    for (let i = 0; i < n; i++) await sim.repo.externalCommit({ message: `${tag} ${i}`, files: { [`notes/${tag}-${i}.md`]: `${i}\n` } });
  };

  it('finds the 31st newest commit, and one 131 commits deep', async () => {
    const sha = await sim.repo.externalCommit({ message: 'promote(komga): x\n\nPromotion-Id: p-31', files: { 'notes/p31.md': 'x\n' } });
    await follow(30, 'a');
    expect((await findCommitWith(gh(), 'Promotion-Id: p-31'))?.sha).toBe(sha);
    await follow(100, 'b');
    expect((await findCommitWith(gh(), 'Promotion-Id: p-31'))?.sha).toBe(sha);
    expect(await findCommitWith(gh(), 'Promotion-Id: never')).toBeNull();
    // Given when the promotion was made, only newer commits are read (GitHub's `since`).
    expect((await findCommitWith(gh(), 'Promotion-Id: p-31', { since: new Date(Date.now() - 3_600_000) }))?.sha).toBe(sha);
    expect(await findCommitWith(gh(), 'Promotion-Id: p-31', { since: new Date(Date.now() + 3_600_000) })).toBeNull();
  }, 120_000);
});

// Promotions after Live, against the GitHub simulator's real repository and a real database:
// exactly-once merges and roll-backs, watching a live promotion, the automatic roll-back and its
// hold, Resume, and the provenance trailers.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGithubSim, type GithubSim } from '@/sim/github';
import { DEFAULT_PROMOTION_CONFIG, type PromotionConfig } from '@/lib/promotions/config';
import { DB_KINDS, useTestDatabase } from '@/test/databases';
import { MARIE, PAUL, testCtx } from '@/test/ctx';
import { readStoredMessage } from '@/lib/i18n/message';
import { renderEn } from '@/lib/i18n/render-en';
import { connectGithub } from '../../clients/github';
import type { AppStatusDto } from '../../clients/kubernetes/argo-apps';
import { ForbiddenError } from '../../errors';
import { approvePromotion } from './approve-promotion';
import { autoPromote } from './auto-promote';
import type { PromotionCtx } from './internal/ctx';
import { mergePromotion } from './merge-promotion';
import { previewPromotion } from './preview-promotion';
import { resumePromotions } from './resume-promotions';
import { rollBack } from './roll-back';
import { trackPromotions } from './internal/track';

const run = promisify(execFile);
const TOKEN = 'ghp_afterlivetest00000000000000000000000';
const PROD = (s: string) => `kubernetes/overlays/prod/${s}/kustomization.yaml`;

describe.each(DB_KINDS)('promotions after Live on %s', (kind) => {
  const database = useTestDatabase(kind);
  let dir: string;
  let sim: GithubSim;
  let apps: Map<string, AppStatusDto>;
  let settings: PromotionConfig;
  let now: Date;

  const ctx = (actor = PAUL): PromotionCtx => {
    const gh = connectGithub({ apiUrl: sim.url, owner: 'paul', repo: 'homelab', branch: 'main', token: TOKEN, tls: { caFile: sim.caFile, insecureSkipVerify: false } });
    return { ...testCtx(database().client, actor), github: () => gh, apps: () => async (n) => apps.get(n) ?? (n.endsWith('-dev') ? { name: n, sync: 'Synced', health: 'Healthy', revision: null, images: [] } : null), settings: () => settings, now: () => now };
  };
  const db = () => database().client;
  const git = async (...args: string[]) => (await run('git', ['-C', sim.repo.path, ...args])).stdout;
  const commitCount = async () => Number((await git('rev-list', '--count', 'main')).trim());
  const stateOf = async (id: string) => (await db().promotion.findUniqueOrThrow({ where: { id } })).state;
  const prod = (service: string, health: AppStatusDto['health'], revision: string | null) => apps.set(`${service}-prod`, { name: `${service}-prod`, sync: 'Synced', health, revision, images: [] });

  /** komga promoted, synced and Live. */
  async function live(service = 'komga') {
    const p = await previewPromotion({ services: [service] }, ctx());
    const done = await approvePromotion({ id: p.id }, ctx());
    prod(service, 'Healthy', done.commitSha);
    await trackPromotions(ctx());
    expect(await stateOf(p.id)).toBe('live');
    return done;
  }

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'promo-after-'));
    sim = await startGithubSim({ dir, token: TOKEN });
    apps = new Map();
    now = new Date();
    settings = { ...DEFAULT_PROMOTION_CONFIG, soakHours: 0, watchHours: 24, degradedAfterSeconds: 0 };
    await db().promotion.deleteMany({});
    await db().promotionHold.deleteMany({});
  });
  afterEach(async () => {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('two concurrent merges of one pull request: one merge call, one merge commit, one audit "ok"', async () => {
    settings = { ...settings, mode: 'pull-request' };
    const p = await previewPromotion({ services: ['komga'] }, ctx());
    const open = await approvePromotion({ id: p.id }, ctx());
    expect(open.state).toBe('pr_open');
    const n0 = await commitCount();
    const calls0 = sim.calls.length;
    const [a, b] = await Promise.all([mergePromotion({ id: p.id }, ctx()), mergePromotion({ id: p.id }, ctx())]);
    expect([a.state, b.state]).toEqual(['committed', 'committed']);
    expect(a.commitSha).toBe(b.commitSha);
    expect(sim.calls.slice(calls0).filter((c) => c.method === 'PUT' && c.path.endsWith('/merge'))).toHaveLength(1);
    expect(await commitCount()).toBe(n0 + 2); // the PR's commit and its merge commit
    expect(await db().auditEvent.count({ where: { action: 'promotion.merge', outcome: 'ok' } })).toBe(1);
    const msg = await git('log', '-1', '--format=%B', 'main');
    expect(msg).toContain(`Promotion-Id: ${p.id}`);
    expect(msg).toMatch(/Merged-By: Paul Martin <paul@homelab.example>/);
    expect(msg).toMatch(/Requested-By: Paul Martin/);
    // A third click after the fact: nothing to merge, and GitHub is not asked.
    await expect(mergePromotion({ id: p.id }, ctx())).rejects.toThrow(/no open pull request/);
  });

  it('a PR merged on GitHub meanwhile: the panel\'s merge (405) joins it as committed', async () => {
    settings = { ...settings, mode: 'pull-request' };
    const p = await previewPromotion({ services: ['komga'] }, ctx());
    const open = await approvePromotion({ id: p.id }, ctx());
    const gh = ctx().github();
    const merged = await gh.octokit.pulls.merge({ owner: 'paul', repo: 'homelab', pull_number: open.prNumber! });
    const r = await mergePromotion({ id: p.id }, ctx());
    expect(r.state).toBe('committed');
    expect(r.commitSha).toBe(merged.data.sha);
  });

  it('two concurrent roll-backs: one roll-back promotion, one commit, a hold; Resume lifts it once', async () => {
    const done = await live();
    prod('komga', 'Degraded', done.commitSha);
    await trackPromotions(ctx());
    expect(await stateOf(done.id)).toBe('degraded');
    const n0 = await commitCount();
    const [a, b] = await Promise.all([rollBack({ id: done.id }, ctx()), rollBack({ id: done.id }, ctx())]);
    expect(a.id).toBe(b.id);
    expect(await db().promotion.count({ where: { rollbackOfId: done.id } })).toBe(1);
    await expect.poll(commitCount).toBe(n0 + 1);
    expect(await db().auditEvent.count({ where: { action: 'promotion.rollback', outcome: 'ok' } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: 'promotion.rollback', outcome: 'failed' } })).toBe(0);
    const msg = await git('log', '-1', '--format=%B', 'main');
    expect(msg).toContain(`Rolls-Back: ${done.commitSha}`);
    expect(msg).toContain(`Restored-From: ${done.baseSha}`);
    expect(msg).toMatch(/Requested-By: Paul Martin\n/);
    // Held: auto-promotion leaves komga alone although it is ready and allowed.
    expect(await db().promotionHold.findUnique({ where: { service: 'komga' } })).toMatchObject({ promotionId: done.id });
    settings = { ...settings, services: { komga: { auto: { enabled: true } } } };
    prod('komga', 'Healthy', null);
    expect(await autoPromote(ctx())).toBeNull();
    // Resume is admin only; it lifts the hold once, audited once.
    await expect(resumePromotions({ service: 'komga' }, ctx(MARIE))).rejects.toBeInstanceOf(ForbiddenError);
    const [r1, r2] = await Promise.all([resumePromotions({ service: 'komga' }, ctx()), resumePromotions({ service: 'komga' }, ctx())]);
    expect([r1.resumed, r2.resumed].filter(Boolean)).toHaveLength(1);
    expect(await db().auditEvent.count({ where: { action: 'promotion.resume', outcome: 'ok', target: 'komga' } })).toBe(1);
    expect(await autoPromote(ctx())).not.toBeNull();
  });

  it('a Live promotion whose app turns Degraded or Missing within the watch window becomes degraded; not after it', async () => {
    const done = await live();
    prod('komga', 'Degraded', done.commitSha);
    await trackPromotions(ctx());
    expect(await stateOf(done.id)).toBe('degraded');
    const timeline = await db().promotionEvent.findMany({ where: { promotionId: done.id, state: 'degraded' } });
    expect(timeline.map((e) => renderEn(readStoredMessage(e.message)!))).toEqual(['PROD turned Degraded after the promotion went live']);
    // Recovers → live again; Missing (never Synced) counts too.
    prod('komga', 'Healthy', done.commitSha);
    await trackPromotions(ctx());
    expect(await stateOf(done.id)).toBe('live');
    apps.set('komga-prod', { name: 'komga-prod', sync: 'OutOfSync', health: 'Missing', revision: done.commitSha, images: [] });
    await trackPromotions(ctx());
    expect(await stateOf(done.id)).toBe('degraded');
    // Past the watch window a live promotion is left alone.
    const other = await live('grafana');
    now = new Date(Date.now() + 25 * 3_600_000);
    prod('grafana', 'Degraded', other.commitSha);
    await trackPromotions(ctx());
    expect(await stateOf(other.id)).toBe('live');
  });

  it('auto-roll-back (opt-in per service): after N minutes Degraded the panel rolls back once, holds, audits', async () => {
    settings = { ...settings, services: { komga: { autoRollback: { enabled: true, afterMinutes: 5 } } } };
    const done = await live();
    const n0 = await commitCount();
    prod('komga', 'Degraded', done.commitSha);
    await trackPromotions(ctx());
    expect(await stateOf(done.id)).toBe('degraded');
    expect(await commitCount()).toBe(n0); // not yet: 5 minutes
    now = new Date(now.getTime() + 5 * 60_000);
    await Promise.all([trackPromotions(ctx()), trackPromotions(ctx())]);
    await trackPromotions(ctx());
    expect(await commitCount()).toBe(n0 + 1);
    expect(await db().promotion.count({ where: { rollbackOfId: done.id } })).toBe(1);
    expect(await git('log', '-1', '--format=%B', 'main')).toMatch(/Requested-By: Panel \(auto-rollback policy\)/);
    const audit = await db().auditEvent.findMany({ where: { action: { in: ['promotion.rollback', 'promotion.hold'] }, actor: 'policy:auto-rollback' }, orderBy: { at: 'asc' } });
    // One roll-back and one hold; the tracker that lost the race is audited as refused (denied), never as a second roll-back.
    const rows = audit.map((a) => [a.action, a.actor, a.outcome].join(' '));
    expect(rows.filter((r) => r.endsWith(' ok')).sort()).toEqual(['promotion.hold policy:auto-rollback ok', 'promotion.rollback policy:auto-rollback ok']);
    expect(rows.filter((r) => !r.endsWith(' ok')).every((r) => r === 'promotion.rollback policy:auto-rollback denied')).toBe(true);
    // grafana did not opt in: it stays degraded, no roll-back.
    const g = await live('grafana');
    prod('grafana', 'Degraded', g.commitSha);
    await trackPromotions(ctx());
    now = new Date(now.getTime() + 60 * 60_000);
    await trackPromotions(ctx());
    expect(await db().promotion.count({ where: { rollbackOfId: g.id } })).toBe(0);
  });

  it('every commit carries its provenance: Requested-By, Approved-By, Promotion-Id', async () => {
    const p = await previewPromotion({ services: ['komga'] }, ctx());
    await approvePromotion({ id: p.id }, ctx());
    const msg = await git('log', '-1', '--format=%B', 'main');
    expect(msg).toMatch(/^promote\(komga\): 1\.15\.1 → 1\.16\.0\n\nPromoted-From: dev@[0-9a-f]{40}\nRequested-By: Paul Martin\nApproved-By: Paul Martin <paul@homelab.example>\nPromotion-Id: /);
    expect(await sim.repo.readFile('main', PROD('komga'))).toContain('newTag: "1.16.0"');
  });
});

// Promotions against the GitHub simulator's real bare repository and a real database: the commit
// paths (one file, several files), optimistic concurrency, exactly-once approvals, tracking.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import { startGithubSim, type GithubSim } from '@/sim/github';
import { DEFAULT_PROMOTION_CONFIG, type PromotionConfig } from '@/lib/promotions/config';
import { DB_KINDS, useTestDatabase } from '@/test/databases';
import { MARIE, PAUL, testCtx } from '@/test/ctx';
import { connectGithub } from '../../clients/github';
import type { AppStatusDto } from '../../clients/kubernetes/argo-apps';
import { ForbiddenError } from '../../errors';
import type { PromotionCtx } from './internal/ctx';
import { listCandidates } from './list-candidates';
import { previewPromotion } from './preview-promotion';
import { approvePromotion } from './approve-promotion';
import { rejectPromotion } from './reject-promotion';
import { rollBack } from './roll-back';
import { trackPromotions } from './internal/track';
import { promotionInFlight } from './internal/in-flight';
import { mergePromotion } from './merge-promotion';
import { approveBatch } from './approve-batch';
import { autoPromote } from './auto-promote';

const run = promisify(execFile);
const TOKEN = 'ghp_promotionstest0000000000000000000000';
const PROD = (s: string) => `kubernetes/overlays/prod/${s}/kustomization.yaml`;

describe.each(DB_KINDS)('promotions on %s', (kind) => {
  const database = useTestDatabase(kind);
  let dir: string;
  let sim: GithubSim;
  let apps: Map<string, AppStatusDto>;
  let settings: PromotionConfig;

  const ctx = (actor = PAUL): PromotionCtx => {
    const gh = connectGithub({ apiUrl: sim.url, owner: 'paul', repo: 'homelab', branch: 'main', token: TOKEN, tls: { caFile: sim.caFile, insecureSkipVerify: false } });
    return { ...testCtx(database().client, actor), github: () => gh, apps: () => async (n) => apps.get(n) ?? (n.endsWith('-dev') ? { name: n, sync: 'Synced', health: 'Healthy', revision: null, images: [] } : null), settings: () => settings, now: () => new Date() };
  };
  const git = async (...args: string[]) => (await run('git', ['-C', sim.repo.path, ...args])).stdout;
  const commitCount = async () => Number((await git('rev-list', '--count', 'main')).trim());

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'promo-'));
    sim = await startGithubSim({ dir, token: TOKEN });
    apps = new Map();
    settings = { ...DEFAULT_PROMOTION_CONFIG, soakHours: 0 };
    await database().client.promotion.deleteMany({});
    await database().client.promotionHold.deleteMany({});
  });
  afterEach(async () => {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists what DEV runs and PROD does not, with gates and the exact diff', async () => {
    settings = { ...settings, soakHours: 24, services: { grafana: { soakHours: 1 } } };
    apps.set('grafana-dev', { name: 'grafana-dev', sync: 'Synced', health: 'Healthy', revision: null, images: [] });
    const c = await listCandidates(ctx());
    const names = c.candidates.map((x) => x.service);
    expect(names).toEqual(expect.arrayContaining(['adguard-home', 'home-assistant', 'komga', 'prometheus', 'grafana', 'alloy']));
    const grafana = c.candidates.find((x) => x.service === 'grafana')!;
    expect(grafana.summary).toBe('11.4.0 → 11.5.1');
    expect(grafana.diff).toContain('-    newTag: "11.4.0"\n+    newTag: "11.5.1"');
    expect(grafana.diff.split('\n').filter((l) => /^[+-][^+-]/.test(l))).toHaveLength(2);
    const prom = c.candidates.find((x) => x.service === 'prometheus')!;
    expect(prom.changes).toEqual([{ kind: 'chart', name: 'prometheus', field: 'version', from: '26.1.0', to: '27.3.0' }]);
  });

  it('refuses a family member with 403 and an audit row', async () => {
    const p = await previewPromotion({ services: ['komga'] }, ctx());
    await expect(approvePromotion({ id: p.id }, ctx(MARIE))).rejects.toBeInstanceOf(ForbiddenError);
    const denied = await database().client.auditEvent.findMany({ where: { actor: MARIE.subject, action: 'promotion:approve', outcome: 'denied' } });
    expect(denied.length).toBeGreaterThan(0);
  });

  it('commits one file with one contents PUT: only the tag line changes, trailers present', async () => {
    const before = await sim.repo.readFile('main', PROD('komga'));
    const p = await previewPromotion({ services: ['komga'] }, ctx());
    sim.calls.length = 0;
    const done = await approvePromotion({ id: p.id }, ctx());
    expect(done.state).toBe('committed');
    expect(sim.calls.map((c) => ({ method: c.method, path: decodeURIComponent(c.path) }))).toEqual([{ method: 'PUT', path: `/repos/paul/homelab/contents/${PROD('komga')}` }]);
    const diff = await git('show', '--format=%B', '--unified=0', 'main');
    expect(diff).toContain('promote(komga): 1.15.1 → 1.16.0');
    expect(diff).toContain('Promoted-From: dev@');
    expect(diff).toContain('Approved-By: Paul Martin <paul@homelab.example>');
    const after = (await sim.repo.readFile('main', PROD('komga')))!;
    expect(after).toBe(before!.replace('newTag: "1.15.1"', 'newTag: "1.16.0"'));
  });

  it('commits several services as one commit through the git data API', async () => {
    const n0 = await commitCount();
    const p = await previewPromotion({ services: ['grafana', 'alloy'] }, ctx());
    const done = await approvePromotion({ id: p.id }, ctx());
    expect(done.state).toBe('committed');
    expect(await commitCount()).toBe(n0 + 1);
    const files = (await git('show', '--name-only', '--format=', 'main')).trim().split('\n').sort();
    expect(files).toEqual([PROD('alloy'), PROD('grafana')]);
    expect(await sim.repo.readFile('main', PROD('grafana'))).toContain('newTag: "11.5.1"');
  });

  it('becomes a conflict and commits nothing when the PROD file changed since the preview', async () => {
    const p = await previewPromotion({ services: ['komga'] }, ctx());
    const text = (await sim.repo.readFile('main', PROD('komga')))!;
    await sim.repo.externalCommit({ message: 'hand edit', files: { [PROD('komga')]: text.replace('namespace: home', 'namespace: home # edited') } });
    const n0 = await commitCount();
    const done = await approvePromotion({ id: p.id }, ctx());
    expect(done.state).toBe('conflict');
    expect(done.error).toMatch(/changed on GitHub since the preview/);
    expect(await commitCount()).toBe(n0);
  });

  it('re-applies on top of an external commit to another file: both changes present', async () => {
    const p = await previewPromotion({ services: ['grafana', 'alloy'] }, ctx());
    const ext = await sim.repo.externalCommit({ message: 'docs', files: { 'README.md': 'hello from elsewhere\n' } });
    const done = await approvePromotion({ id: p.id }, ctx());
    expect(done.state).toBe('committed');
    expect((await git('rev-parse', 'main~1')).trim()).toBe(ext);
    expect(await sim.repo.readFile('main', 'README.md')).toBe('hello from elsewhere\n');
    expect(await sim.repo.readFile('main', PROD('alloy'))).toContain('v1.6.1');
  });

  it('one file: an external commit to another file stays, the promotion lands on top of it', async () => {
    const p = await previewPromotion({ services: ['komga'] }, ctx());
    const ext = await sim.repo.externalCommit({ message: 'docs', files: { 'README.md': 'elsewhere\n' } });
    const done = await approvePromotion({ id: p.id }, ctx());
    expect(done.state).toBe('committed');
    expect((await git('rev-parse', 'main~1')).trim()).toBe(ext);
    expect(await sim.repo.readFile('main', 'README.md')).toBe('elsewhere\n');
  });

  it('pull-request mode opens a PR, and merging it commits the change', async () => {
    settings = { ...settings, mode: 'pull-request' };
    const n0 = await commitCount();
    const p = await previewPromotion({ services: ['komga'] }, ctx());
    const open = await approvePromotion({ id: p.id }, ctx());
    expect(open.state).toBe('pr_open');
    expect(open.prNumber).toBe(1);
    expect(await commitCount()).toBe(n0);
    const merged = await mergePromotion({ id: p.id }, ctx());
    expect(merged.state).toBe('committed');
    expect(await sim.repo.readFile('main', PROD('komga'))).toContain('newTag: "1.16.0"');
  });

  it('the batch promotes every ready candidate in one commit', async () => {
    const n0 = await commitCount();
    const done = await approveBatch({}, ctx());
    expect(done.services.length).toBeGreaterThanOrEqual(6);
    expect(await commitCount()).toBe(n0 + 1);
    expect((await git('log', '-1', '--format=%s', 'main')).trim()).toMatch(/^promote\(.+\): \d+ services$/);
    await expect(approveBatch({}, ctx())).rejects.toThrow(/No candidate is ready/);
  });

  it('auto-promotes only the services whose policy allows it, audited as the panel', async () => {
    expect(await autoPromote(ctx())).toBeNull();
    settings = { ...settings, services: { komga: { auto: { enabled: true } } } };
    const id = await autoPromote(ctx());
    const p = await database().client.promotion.findUniqueOrThrow({ where: { id: id! } });
    expect(p).toMatchObject({ state: 'committed', services: ['komga'], approvedBy: 'policy:auto-promotion' });
    expect(await database().client.auditEvent.count({ where: { action: 'promotion.auto', actor: 'policy:auto-promotion', outcome: 'ok' } })).toBeGreaterThan(0);
    expect(await autoPromote(ctx())).toBeNull();
  });

  it('after a restart mid-commit, finds the landed commit by its Promotion-Id trailer instead of committing again', async () => {
    const p = await previewPromotion({ services: ['komga'] }, ctx());
    const done = await approvePromotion({ id: p.id }, ctx());
    const old = new Date(Date.now() - 10 * 60_000);
    await database().client.promotion.update({ where: { id: p.id }, data: { state: 'committing', commitSha: null, updatedAt: old } });
    const q = await previewPromotion({ services: ['grafana'] }, ctx());
    await database().client.promotion.update({ where: { id: q.id }, data: { state: 'approved', updatedAt: old } });
    const n0 = await commitCount();
    await trackPromotions(ctx());
    expect(await database().client.promotion.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({ commitSha: done.commitSha });
    expect((await database().client.promotion.findUniqueOrThrow({ where: { id: q.id } })).state).toBe('failed');
    expect(await commitCount()).toBe(n0);
    expect(await promotionInFlight(database().client)).toBe(false);
  });

  it('a commit GitHub does not answer in time: the approval answers at once (committing), then settles in the background', async () => {
    const p = await previewPromotion({ services: ['komga'] }, ctx());
    const gh = connectGithub({ apiUrl: sim.url, owner: 'paul', repo: 'homelab', branch: 'main', token: TOKEN, tls: { caFile: sim.caFile, insecureSkipVerify: false } }, 300);
    const slowCtx: PromotionCtx = { ...ctx(), github: () => gh };
    const n0 = await commitCount();
    sim.faults.set({ hang: true });
    // The answer comes while GitHub still hangs (one bound, not a wait for GitHub): 'committing'.
    const r = await approvePromotion({ id: p.id }, slowCtx);
    sim.faults.reset();
    expect(r.state).toBe('committing');
    // The background lookup (retried after 2, 4, 8… s while GitHub is slow) finds no Promotion-Id trailer: failed, audited.
    let state = r.state;
    for (let i = 0; i < 400 && state === 'committing'; i++) {
      await new Promise((res) => setTimeout(res, 100));
      state = (await database().client.promotion.findUniqueOrThrow({ where: { id: p.id } })).state;
    }
    expect(state).toBe('failed');
    expect(await commitCount()).toBe(n0);
    const mine = { details: { path: ['id'], equals: p.id } };
    expect(await database().client.auditEvent.count({ where: { action: 'promotion.approve', outcome: 'ok', ...mine } })).toBe(1);
    expect(await database().client.auditEvent.count({ where: { action: 'promotion.commit', outcome: 'failed', ...mine } })).toBe(1);
    expect(await promotionInFlight(database().client)).toBe(false);
  });

  it('10 concurrent approvals of one promotion make exactly one commit', async () => {
    const p = await previewPromotion({ services: ['adguard-home'] }, ctx());
    const n0 = await commitCount();
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => approvePromotion({ id: p.id }, ctx())));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(await commitCount()).toBe(n0 + 1);
    expect((await git('log', '--format=%s', '-n', '3', 'main')).split('\n').filter((s) => s.startsWith('promote(adguard-home)'))).toHaveLength(1);
    const audits = await database().client.auditEvent.count({ where: { action: 'promotion.approve', outcome: 'ok', target: 'adguard-home' } });
    expect(audits).toBe(1);
    expect(await promotionInFlight(database().client)).toBe(false);
  });

  it('reject needs a reason, and a rejected promotion cannot be approved', async () => {
    const p = await previewPromotion({ services: ['komga'] }, ctx());
    await expect(rejectPromotion({ id: p.id, reason: '' }, ctx())).rejects.toThrow(/reason/);
    const r = await rejectPromotion({ id: p.id, reason: 'not this week' }, ctx());
    expect(r.state).toBe('rejected');
    await expect(approvePromotion({ id: p.id }, ctx())).rejects.toThrow(/state "Rejected"/);
  });

  it('tracks PROD to live or degraded, and rolls back to the old tag', async () => {
    const p = await previewPromotion({ services: ['komga'] }, ctx());
    const done = await approvePromotion({ id: p.id }, ctx());
    apps.set('komga-prod', { name: 'komga-prod', sync: 'OutOfSync', health: 'Healthy', revision: done.commitSha, images: [] });
    await trackPromotions(ctx());
    expect((await database().client.promotion.findUniqueOrThrow({ where: { id: p.id } })).state).toBe('syncing');
    settings = { ...settings, degradedAfterSeconds: 0 };
    apps.set('komga-prod', { name: 'komga-prod', sync: 'Synced', health: 'Degraded', revision: done.commitSha, images: [] });
    await trackPromotions(ctx());
    await trackPromotions(ctx());
    expect((await database().client.promotion.findUniqueOrThrow({ where: { id: p.id } })).state).toBe('degraded');
    const rb = await rollBack({ id: p.id }, ctx());
    expect(rb.kind).toBe('rollback');
    expect(rb.state).toBe('committed');
    expect(rb.rollbackOfId).toBe(p.id);
    expect(await sim.repo.readFile('main', PROD('komga'))).toContain('newTag: "1.15.1"');
    expect(await git('log', '-1', '--format=%B', 'main')).toContain(`Rolls-Back: ${done.commitSha}`);
    apps.set('komga-prod', { name: 'komga-prod', sync: 'Synced', health: 'Healthy', revision: rb.commitSha, images: [] });
    await trackPromotions(ctx());
    expect((await database().client.promotion.findUniqueOrThrow({ where: { id: rb.id } })).state).toBe('live');
    expect((await database().client.promotion.findUniqueOrThrow({ where: { id: p.id } })).state).toBe('degraded');
    // Rolled back: komga is a candidate again, free to be promoted anew.
    const again = (await listCandidates(ctx())).candidates.find((c) => c.service === 'komga');
    expect(again?.open).toBeNull();
  });
});

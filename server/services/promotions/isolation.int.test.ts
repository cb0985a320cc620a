// One service's unreadable overlay (an image entry without a name, committed from outside the panel)
// is shown as such with its reason; every other service still lists, previews and rolls back.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGithubSim, type GithubSim } from '@/sim/github';
import { DEFAULT_PROMOTION_CONFIG } from '@/lib/promotions/config';
import { useTestDatabase } from '@/test/databases';
import { PAUL, testCtx } from '@/test/ctx';
import { connectGithub } from '../../clients/github';
import { ConflictError, ValidationError } from '../../errors';
import type { PromotionCtx } from './internal/ctx';
import { listCandidates } from './list-candidates';
import { previewPromotion } from './preview-promotion';
import { approvePromotion } from './approve-promotion';
import { rollBack } from './roll-back';

const TOKEN = 'ghp_isolationtest00000000000000000000000';
const DEV = (s: string) => `kubernetes/overlays/dev/${s}/kustomization.yaml`;
const PROD = (s: string) => `kubernetes/overlays/prod/${s}/kustomization.yaml`;

describe('a broken overlay is isolated', () => {
  const database = useTestDatabase('postgres');
  let dir: string;
  let sim: GithubSim;
  const ctx = (): PromotionCtx => {
    const gh = connectGithub({ apiUrl: sim.url, owner: 'paul', repo: 'homelab', branch: 'main', token: TOKEN, tls: { caFile: sim.caFile, insecureSkipVerify: false } });
    const healthy = async (n: string) => ({ name: n, sync: 'Synced' as const, health: 'Healthy' as const, revision: null, images: [] });
    return { ...testCtx(database().client, PAUL), github: () => gh, apps: () => healthy, settings: () => ({ ...DEFAULT_PROMOTION_CONFIG, soakHours: 0 }), now: () => new Date() };
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'isolation-'));
    sim = await startGithubSim({ dir, token: TOKEN });
  });
  afterAll(async () => {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists the broken service with its reason and keeps the others working (preview too)', async () => {
    const dev = (await sim.repo.readFile('main', DEV('grafana')))!;
    await sim.repo.externalCommit({ message: 'broken by hand', files: { [DEV('grafana')]: dev.replace(/images:\n/, 'images:\n  - newTag: oops\n') } });
    const list = await listCandidates(ctx());
    const grafana = list.candidates.find((c) => c.service === 'grafana')!;
    expect(grafana.unreadable).toMatch(/^DEV grafana\/kustomization\.yaml: images: an entry has no name/);
    expect(grafana.ready).toBe(false);
    const komga = list.candidates.find((c) => c.service === 'komga')!;
    expect(komga.unreadable).toBeNull();
    expect(komga.changes.length).toBeGreaterThan(0);
    await expect(previewPromotion({ services: ['grafana'] }, ctx())).rejects.toBeInstanceOf(ValidationError);
    const p = await previewPromotion({ services: ['komga'] }, ctx());
    expect(p.state).toBe('proposed');
  });

  it('answers a roll back over an unreadable PROD file with a 409 that says why', async () => {
    const p = await previewPromotion({ services: ['alloy'] }, ctx());
    const done = await approvePromotion({ id: p.id }, ctx());
    expect(['committed', 'syncing', 'live']).toContain(done.state);
    const prod = (await sim.repo.readFile('main', PROD('alloy')))!;
    await sim.repo.externalCommit({ message: 'broken by hand', files: { [PROD('alloy')]: prod.replace(/images:\n/, 'images:\n  - newTag: oops\n') } });
    const err = await rollBack({ id: p.id }, ctx()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as Error).message).toMatch(/cannot be read \(images: an entry has no name\)/);
    // The rest of the page still works.
    expect((await listCandidates(ctx())).candidates.some((c) => c.service === 'komga')).toBe(true);
  });
});

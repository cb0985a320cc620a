// Promotions benchmark (docs/performance.md, "Promotions"): from the approve click to the commit on
// the simulator — server time of approvePromotion() until the simulator's commit request has answered,
// and the GitHub API calls per promotion, for one file (contents API) and for two files (git data API).
// Run: npx tsx --conditions=react-server bench/promotions.ts   (needs PostgreSQL at TEST_PG_URL)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_PROMOTION_CONFIG } from '@/lib/promotions/config';
import { connectGithub } from '@/server/clients/github';
import { openDatabase } from '@/server/db';
import { approvePromotion } from '@/server/services/promotions/approve-promotion';
import type { PromotionCtx } from '@/server/services/promotions/internal/ctx';
import { previewPromotion } from '@/server/services/promotions/preview-promotion';
import { startGithubSim } from '@/sim/github';
import { createTestDatabase } from '@/test/databases';
import { PAUL, testCtx } from '@/test/ctx';

const N = Number(process.env.BENCH_N ?? 30);
const TOKEN = 'ghp_benchtoken00000000000000000000000000';
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (n=${xs.length})`;
const DEV = (s: string) => `kubernetes/overlays/dev/${s}/kustomization.yaml`;

const dir = await mkdtemp(path.join(tmpdir(), 'promo-bench-'));
const sim = await startGithubSim({ dir, token: TOKEN });
const tdb = await createTestDatabase('postgres');
const opened = await openDatabase({ url: tdb.url, embeddedDir: tdb.embeddedDir, migrationsDir: path.resolve('prisma/migrations') });
const gh = connectGithub({ apiUrl: sim.url, owner: 'paul', repo: 'homelab', branch: 'main', token: TOKEN, tls: { caFile: sim.caFile, insecureSkipVerify: false } });
// Time spent waiting for GitHub (the simulator runs real git commands per commit), to separate it
// from the panel's own work (database transitions, audit, diff).
let githubMs = 0;
let inflight = 0;
let since = 0;
gh.octokit.hook.wrap('request', async (request, options) => {
  if (inflight++ === 0) since = performance.now(); // parallel blob uploads count once (wall time)
  try {
    return await request(options);
  } finally {
    if (--inflight === 0) githubMs += performance.now() - since;
  }
});
const healthy = { sync: 'Synced', health: 'Healthy', revision: null, images: [] };
const ctx: PromotionCtx = { ...testCtx(opened.client, PAUL), github: () => gh, apps: () => async (name) => ({ name, ...healthy }), settings: () => ({ ...DEFAULT_PROMOTION_CONFIG, soakHours: 0 }), now: () => new Date() };

/** Bumps DEV's tag for the services (a new candidate each round), as Renovate would. */
async function bumpDev(services: string[], round: number) {
  const files: Record<string, string> = {};
  for (const s of services) {
    const text = (await sim.repo.readFile('main', DEV(s)))!;
    files[DEV(s)] = text.replace(/newTag: "([^"]+)"/, `newTag: "9.0.${round}"`);
  }
  await sim.repo.externalCommit({ message: `chore(deps): bump ${services.join(', ')}`, files });
}

async function run(label: string, services: string[]) {
  const times: number[] = [];
  const calls: number[] = [];
  const own: number[] = [];
  for (let i = 0; i < N + 3; i++) {
    await bumpDev(services, i + (label.length * 100));
    const p = await previewPromotion({ services }, ctx);
    const before = sim.calls.length;
    githubMs = 0;
    const t0 = performance.now();
    const done = await approvePromotion({ id: p.id }, ctx);
    const t = performance.now() - t0;
    if (done.state !== 'committed') throw new Error(`${label}: ${done.state} ${done.error ?? ''}`);
    if (i >= 3) {
      times.push(t); // the first rounds warm connections and caches
      own.push(t - githubMs);
      calls.push(sim.calls.length - before);
    }
  }
  console.log(`${label}: approve → commit ${fmt(times)}; GitHub API calls per promotion: ${[...new Set(calls)].join('/')}`);
  console.log(`  of which the panel's own work (not waiting for GitHub): ${fmt(own)}`);
}

try {
  await run('one file (komga)', ['komga']);
  await run('two files (grafana + alloy)', ['grafana', 'alloy']);
} finally {
  await opened.client.$disconnect();
  await tdb.drop();
  await sim.close();
  await rm(dir, { recursive: true, force: true });
}

// The KubeVirt gaming backend against the GitHub simulator (a real bare git repository), the prod
// cluster's simulated Argo CD and KubeVirt, and a real database (PostgreSQL and PGlite): a start is
// one commit of runStrategy Always that Argo CD syncs, the VMI runs and the agent connects; a stop is
// one Halted commit; the lease job stops an expired session with one commit even with two runners.
import { afterEach, describe, expect, it } from 'vitest';
import { DB_KINDS } from '@/test/databases';
import { GUEST, MARIE } from '@/test/ctx';
import { renderEn } from '@/lib/i18n/render-en';
import type { Actor } from '../../context';
import { ConflictError, ForbiddenError, UpstreamError } from '../../errors';
import { monitorTick } from './jobs/monitor';
import { renderGamingVm } from '@/sim/gitops-template';
import { getGamingState } from './get-gaming-state';
import { activeSession } from './internal/sessions';
import { startGaming } from './start-gaming';
import { stopGaming } from './stop-gaming';
import { driveUntil, expireWithTwoLeaseJobs, startKubevirtHarness, type KubevirtHarness } from '@/test/gaming-harness';

const FAMILY: Actor[] = ['lucas', 'emma', 'marie', 'leo'].map((n) => ({ subject: `sub-${n}`, name: `${n[0].toUpperCase()}${n.slice(1)} Martin`, email: null, role: 'family' }));
const TARGET = 'vm/gaming/windows-gaming';

let h: KubevirtHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe.each(DB_KINDS)('gaming with the KubeVirt backend (%s)', (kind) => {
  it('start → one runStrategy Always commit → Argo CD sync → VMI Running → agent connected → Ready to play', async () => {
    h = await startKubevirtHarness(kind);
    const ctx = h.ctx(MARIE);
    const first = await startGaming({}, ctx);
    expect(first.state).toBe('starting');
    expect(first.can.stop).toBe(true);
    expect(await h.vmCommits()).toEqual(['gaming: start gaming/windows-gaming (runStrategy: Always)']);
    const manifest = await h.github.repo.readFile(h.github.repo.branch, h.cfg.kubevirt.manifestPath);
    expect(manifest).toContain('runStrategy: Always # Always = on, Halted = off (written by the panel)');

    await driveUntil(ctx, 'booting');
    expect(h.prod.kubevirt!.vmi()?.status.phase).toBe('Running');
    await driveUntil(ctx, 'ready');
    const ready = await getGamingState({}, ctx);
    expect(ready).toMatchObject({ state: 'ready', label: { code: 'gaming.state.ready' }, can: { start: false, stop: true, extend: true } });
    expect(ready.session).toMatchObject({ mine: true, startedByName: 'Marie Martin' });
    const audit = await h.db.auditEvent.findFirstOrThrow({ where: { action: 'gaming.start' } });
    expect(audit).toMatchObject({ actor: MARIE.subject, target: TARGET, outcome: 'ok' });
  });

  it('20 concurrent starts make exactly one commit and one session; the rest join', async () => {
    h = await startKubevirtHarness(kind);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => startGaming({}, h!.ctx(FAMILY[i % FAMILY.length]))));
    expect(await h.vmCommits()).toHaveLength(1);
    expect(new Set(results.map((r) => r.session?.id)).size).toBe(1);
    expect(await h.db.gamingSession.count()).toBe(1);
    const audits = await h.db.auditEvent.findMany({ where: { action: 'gaming.start' } });
    expect(audits).toHaveLength(20);
    expect(audits.filter((a) => !(a.details as { joined?: boolean }).joined)).toHaveLength(1);
    // A start while it boots joins too.
    await driveUntil(h.ctx(MARIE), 'booting');
    await startGaming({}, h.ctx(FAMILY[0]));
    expect(await h.vmCommits()).toHaveLength(1);
  });
});

describe('gaming with the KubeVirt backend (postgres)', () => {
  it('stop (tapped twice) → one runStrategy Halted commit → VMI gone → Off', async () => {
    h = await startKubevirtHarness('postgres');
    const ctx = h.ctx(MARIE);
    await startGaming({}, ctx);
    await driveUntil(ctx, 'ready');
    const [a, b] = await Promise.all([stopGaming({}, ctx), stopGaming({ confirm: true }, h.ctx(FAMILY[0]))]);
    expect([a.state, b.state]).toEqual(['stopping', 'stopping']);
    expect(await h.vmCommits()).toEqual(['gaming: stop gaming/windows-gaming (runStrategy: Halted)', 'gaming: start gaming/windows-gaming (runStrategy: Always)']);
    await driveUntil(ctx, 'ended');
    expect(h.prod.kubevirt!.vmi()).toBeUndefined();
    expect(h.prod.kubevirt!.vm()?.status.printableStatus).toBe('Stopped');
    const off = await getGamingState({}, ctx);
    expect(off).toMatchObject({ state: 'off', label: { code: 'gaming.state.off' }, can: { start: true } });
    expect(off.preflight?.ok).toBe(true);
    const row = await h.db.gamingSession.findFirstOrThrow();
    expect(row).toMatchObject({ endReason: 'stopped', stoppedByName: expect.any(String) });
    expect(await h.db.auditEvent.count({ where: { action: 'gaming.stop', outcome: 'ok', target: TARGET } })).toBe(1);
  });

  it('the lease job stops an expired session with exactly one Halted commit, with two job runners', async () => {
    h = await startKubevirtHarness('postgres');
    await startGaming({}, h.ctx(MARIE));
    await driveUntil(h.ctx(MARIE), 'ready');
    await expireWithTwoLeaseJobs(h);
    expect((await h.vmCommits()).filter((c) => c.includes('Halted'))).toHaveLength(1);
    expect((await h.db.gamingSession.findFirstOrThrow()).endReason).toBe('lease');
    expect(await h.db.auditEvent.count({ where: { action: 'gaming.stop', actor: 'system:gaming', outcome: 'ok' } })).toBe(1);
    expect(h.notes.filter((n) => n.to === MARIE.subject && /shutting down/.test(n.title))).toHaveLength(1);
  });

  it('a GitHub fault ends the start in "Can\'t start" with an audit row, and nothing is left running', async () => {
    h = await startKubevirtHarness('postgres');
    h.github.faults.set({ errorRate: 1, errorStatus: 500 });
    const ctx = h.ctx(MARIE);
    const err = await startGaming({}, ctx).catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    h.github.faults.reset();
    const state = await getGamingState({}, ctx);
    expect(state.state).toBe('failed');
    expect(state.label).toEqual({ code: 'gaming.state.failed' });
    expect(state.detail?.code).toBe('srv.kv.gitops');
    expect(renderEn(state.detail!)).toMatch(/^Can't start: the start could not be written to the GitOps repository \(GitHub answered 500/);
    expect(state.can.start).toBe(true);
    const failed = await h.db.auditEvent.findFirstOrThrow({ where: { action: 'gaming.start', outcome: 'failed' } });
    expect(failed).toMatchObject({ actor: MARIE.subject, target: TARGET });
    expect(await h.vmCommits()).toEqual([]);
    expect(await activeSession(h.db)).toBeNull();
    expect(h.notes.some((n) => n.to === MARIE.subject && /can't start/.test(n.title))).toBe(true);
  });

  it('refuses during a promotion (audited, no commit), refuses non-members, rejects unknown fields', async () => {
    h = await startKubevirtHarness('postgres');
    const busy = { ...h.ctx(MARIE), promotionInFlight: async () => true };
    await expect(startGaming({}, busy)).rejects.toBeInstanceOf(ConflictError);
    expect(await h.db.auditEvent.findFirst({ where: { action: 'gaming.start', outcome: 'denied' } })).toMatchObject({ target: TARGET, details: { checks: ['promotion'] } });
    await expect(startGaming({}, h.ctx(GUEST))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(startGaming({ force: true }, h.ctx(MARIE))).rejects.toThrow(/unknown field force/);
    expect(await h.vmCommits()).toEqual([]);
  });

  it('follows a VM started by a commit outside the panel, and stops it by adopting it', async () => {
    h = await startKubevirtHarness('postgres');
    const ctx = h.ctx(MARIE);
    await h.github.repo.externalCommit({ message: 'start the VM by hand', files: { [h.cfg.kubevirt.manifestPath]: renderGamingVm('Always') } });
    const seen: string[] = [];
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && seen[seen.length - 1] !== 'ready') {
      const r = await monitorTick(ctx);
      const s = (await getGamingState({}, ctx)).state;
      if (r.changed && seen[seen.length - 1] !== s) seen.push(s);
      await new Promise((r) => setTimeout(r, 30));
    }
    expect(seen).toContain('ready');
    expect(h.events.some((e) => e.topic === 'gaming')).toBe(true);
    expect(await h.db.gamingSession.count()).toBe(0);
    const stopping = await stopGaming({}, ctx);
    expect(stopping.state).toBe('stopping');
    expect((await h.vmCommits())[0]).toBe('gaming: stop gaming/windows-gaming (runStrategy: Halted)');
    await driveUntil(ctx, 'ended');
    expect((await getGamingState({}, ctx)).state).toBe('off');
  });

  it("says the homelab server can't be reached when the cluster is down", async () => {
    h = await startKubevirtHarness('postgres');
    h.prod.setReachable(false);
    const state = await getGamingState({}, h.ctx(MARIE));
    expect(state).toMatchObject({ state: 'unreachable', can: { start: false } });
    await expect(startGaming({}, h.ctx(MARIE))).rejects.toBeInstanceOf(UpstreamError);
    expect(await h.db.auditEvent.findFirst({ where: { action: 'gaming.start', outcome: 'failed' } })).toMatchObject({ target: TARGET });
  });
});

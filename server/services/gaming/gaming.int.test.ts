// Gaming against the Proxmox simulator and a real PostgreSQL: exactly-once start, stop-dev, failing
// tasks, stop with hard-stop fallback, the 403 and down cases.
import { afterEach, describe, expect, it } from 'vitest';
import { MARIE, PAUL, GUEST } from '@/test/ctx';
import { renderEn } from '@/lib/i18n/render-en';
import type { Actor } from '../../context';
import { ForbiddenError, UpstreamError } from '../../errors';
import { advance } from './backends/proxmox-engine';
import { getGamingState } from './get-gaming-state';
import { extendGaming } from './extend-gaming';
import { activeSession } from './internal/sessions';
import { startGaming } from './start-gaming';
import { stopGaming } from './stop-gaming';
import { driveUntil, startHarness, type Harness } from '@/test/gaming-harness';

const FAMILY: Actor[] = ['lucas', 'emma', 'marie', 'leo'].map((n) => ({ subject: `sub-${n}`, name: `${n[0].toUpperCase()}${n.slice(1)} Martin`, email: null, role: 'family' }));
const FITS = { memory: { hostReserveGiB: 4, zfsArcGiB: 8, bufferGiB: 0 } };
const posts = (h: Harness, suffix: string) => h.sim.calls.filter((c) => c.method === 'POST' && c.path.endsWith(suffix));

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('gaming VM self-service against the simulator (postgres)', () => {
  it('20 concurrent starts make exactly one Proxmox status/start and one session; the rest join', async () => {
    h = await startHarness('postgres', { gaming: FITS });
    const callers = Array.from({ length: 20 }, (_, i) => FAMILY[i % FAMILY.length]);
    const results = await Promise.all(callers.map((a) => startGaming({}, h!.ctx(a))));
    expect(posts(h, '/qemu/300/status/start')).toHaveLength(1);
    expect(results.every((r) => r.session && r.session.id === results[0].session!.id)).toBe(true);
    expect(await h.db.gamingSession.count()).toBe(1);
    const audits = await h.db.auditEvent.findMany({ where: { action: 'gaming.start' } });
    expect(audits).toHaveLength(20);
    expect(audits.filter((a) => !(a.details as { joined?: boolean }).joined)).toHaveLength(1);

    const ctx = h.ctx(MARIE);
    await driveUntil(ctx, 'ready');
    const state = await getGamingState({}, ctx);
    expect(state.state).toBe('ready');
    expect(state.label).toEqual({ code: 'gaming.state.ready' });
    // A start while it runs joins too: still one start call.
    await startGaming({}, h.ctx(FAMILY[0]));
    expect(posts(h, '/qemu/300/status/start')).toHaveLength(1);
  });

  it('refuses with the memory explanation under the refuse policy, audited as denied, no power call', async () => {
    h = await startHarness('postgres', { gaming: { policy: 'refuse', adminName: 'Paul' } });
    await expect(startGaming({}, h.ctx(MARIE))).rejects.toThrow("Not enough memory: needs 32 GB, 28 GB free while Paul's test servers are running; only Paul can turn them off.");
    await expect(startGaming({}, h.ctx(MARIE))).rejects.toMatchObject({ msg: { code: 'srv.memory.shortDev', params: { need: { bytes: 32 * 1024 ** 3 } } } });
    expect(h.sim.calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    const denied = await h.db.auditEvent.findFirst({ where: { action: 'gaming.start', outcome: 'denied' } });
    expect(denied?.details).toMatchObject({ checks: ['memory'] });
    const preview = await getGamingState({}, h.ctx(MARIE));
    expect(preview.state).toBe('off');
    expect(renderEn(preview.preflight!.refusal!)).toBe("Not enough memory: needs 32 GB, 28 GB free while Paul's test servers are running; only Paul can turn them off.");
    expect(preview.can.ask).toBe(true); // the refusal names who can help, and Marie may ask him
  });

  it('stop-dev shuts the DEV cluster down before starting, and tells the admin', async () => {
    h = await startHarness('postgres', { gaming: { policy: 'stop-dev' } });
    const ctx = h.ctx(MARIE);
    const first = await startGaming({}, ctx);
    expect(first.state).toBe('starting');
    expect(renderEn(first.detail!)).toBe('Turning the test servers off first…');
    expect(posts(h, '/qemu/300/status/start')).toHaveLength(0);
    await driveUntil(ctx, 'ready');
    const shutdown = h.sim.calls.findIndex((c) => c.method === 'POST' && c.path.endsWith('/qemu/101/status/shutdown'));
    const start = h.sim.calls.findIndex((c) => c.method === 'POST' && c.path.endsWith('/qemu/300/status/start'));
    expect(shutdown).toBeGreaterThanOrEqual(0);
    expect(start).toBeGreaterThan(shutdown);
    expect(h.sim.state.vm(101)?.running).toBe(false);
    expect(h.notes.some((n) => n.to === null && /DEV cluster/.test(n.title))).toBe(true);
  });

  it('a failing start task ends in "Can\'t start" with Proxmox\'s reason in plain words and an audit row', async () => {
    h = await startHarness('postgres', { gaming: FITS });
    h.sim.state.failNextTask(300, 'kvm: -device vfio-pci,host=0000:01:00.0: vfio 0000:01:00.0: failed to open /dev/vfio/1: Device or resource busy');
    const ctx = h.ctx(MARIE);
    await startGaming({}, ctx);
    await driveUntil(ctx, 'ended');
    const state = await getGamingState({}, ctx);
    expect(state.state).toBe('failed');
    expect(state.label).toEqual({ code: 'gaming.state.failed' });
    expect(renderEn(state.detail!)).toBe("Can't start: the graphics card could not be handed to the VM (is it in use?).");
    // The failure column keeps the message as JSON; the card and the history read it back.
    expect(JSON.parse((await h.db.gamingSession.findFirstOrThrow({ where: { endReason: 'failed' } })).failure!)).toEqual({ code: 'srv.cantStart', params: { reason: { code: 'srv.reason.gpu' } } });
    const failed = await h.db.auditEvent.findFirst({ where: { action: 'gaming.start', outcome: 'failed' } });
    expect(failed).toMatchObject({ actor: MARIE.subject });
    expect((failed?.details as { proxmox?: string }).proxmox).toContain('Device or resource busy');
    expect(state.can.start).toBe(true);
  });

  it('stops gracefully, hard-stops after the timeout, and closes the session with its duration', async () => {
    h = await startHarness('postgres', { gaming: FITS });
    const ctx = h.ctx(MARIE);
    await startGaming({}, ctx);
    await driveUntil(ctx, 'ready');
    h.sim.state.setTaskDelay(60_000); // the guest takes "forever" to power off
    const [a, b] = await Promise.all([stopGaming({}, ctx), stopGaming({ confirm: true }, h.ctx(FAMILY[0]))]);
    expect([a.state, b.state]).toEqual(['stopping', 'stopping']);
    expect(posts(h, '/qemu/300/agent/shutdown')).toHaveLength(1);
    const later = h.ctx(MARIE, { now: () => new Date(Date.now() + 5 * 60_000) });
    await advance(later, (await activeSession(h.db))!);
    await advance(later, (await activeSession(h.db))!);
    expect(posts(h, '/qemu/300/status/stop')).toHaveLength(1);
    h.sim.state.setVmRunning(300, false); // the hard stop lands
    await driveUntil(ctx, 'ended');
    const row = await h.db.gamingSession.findFirstOrThrow();
    expect(row).toMatchObject({ endReason: 'stopped', stoppedByName: expect.any(String) });
    expect(row.endedAt).not.toBeNull();
    expect(await h.db.auditEvent.count({ where: { action: 'gaming.hard-stop' } })).toBe(1);
  });

  it('extends once for a double tap, within the maximum', async () => {
    h = await startHarness('postgres', { gaming: FITS });
    const ctx = h.ctx(MARIE);
    const s = await startGaming({}, ctx);
    await driveUntil(ctx, 'booting');
    const seen = s.session!.leaseEndsAt;
    const [x, y] = await Promise.all([extendGaming({ leaseEndsAt: seen }, ctx), extendGaming({ leaseEndsAt: seen }, ctx)]);
    const end = new Date((await activeSession(h.db))!.leaseEndsAt).getTime();
    expect(end - new Date(seen).getTime()).toBe(60 * 60_000);
    expect([x.session?.leaseEndsAt, y.session?.leaseEndsAt]).toContain(new Date(end).toISOString());
    await expect(extendGaming({ leaseEndsAt: 'tomorrow' }, ctx)).rejects.toThrow(/leaseEndsAt/);
  });

  it('says the token may not do this on a Proxmox 403, without crashing', async () => {
    const weak = { id: 'panel@pve!weak', secret: '11111111-2222-4333-8444-555555555555', privs: { '/vms': ['VM.Audit'], '/nodes/pve': ['Sys.Audit'] } };
    h = await startHarness('postgres', { gaming: FITS, tokens: [weak] });
    const ctx = h.ctx(MARIE, { tokenId: weak.id, tokenSecret: weak.secret });
    const err = await startGaming({}, ctx).catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err.message).toBe("The panel's Proxmox token may not do this.");
    const state = await getGamingState({}, ctx);
    expect(state.state).toBe('failed');
    expect(renderEn(state.detail!)).toBe("Can't start: the panel's Proxmox token may not do this.");
  });

  it('says the homelab server can\'t be reached when Proxmox is down, and refuses non-members', async () => {
    h = await startHarness('postgres', { gaming: FITS });
    h.sim.faults.set({ down: true });
    const state = await getGamingState({}, h.ctx(MARIE));
    expect(state).toMatchObject({ state: 'unreachable', detail: { code: 'srv.unreachable' }, can: { start: false } });
    expect(renderEn(state.detail!)).toBe("The homelab server can't be reached.");
    await expect(startGaming({}, h.ctx(MARIE))).rejects.toThrow("The homelab server can't be reached.");
    await expect(startGaming({}, h.ctx(GUEST))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(startGaming({ force: true }, h.ctx(PAUL))).rejects.toThrow(/unknown field force/);
  });
});

describe('gaming VM self-service on embedded PGlite', () => {
  it('20 concurrent starts still make exactly one Proxmox status/start', async () => {
    h = await startHarness('pglite', { gaming: FITS });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => startGaming({}, h!.ctx(FAMILY[i % FAMILY.length]))));
    expect(posts(h, '/qemu/300/status/start')).toHaveLength(1);
    expect(new Set(results.map((r) => r.session?.id)).size).toBe(1);
    expect(await h.db.gamingSession.count()).toBe(1);
  });
});

// Issue 11 against the Proxmox simulator on PostgreSQL and PGlite: testing → gaming mode and back,
// Paul's hold, Ask Paul → Allow, adopting a VM found running (a lost answer, a start outside the
// panel), and the safe taps (confirm someone else's stop; Start again keeps the session and lease).
import { afterEach, describe, expect, it } from 'vitest';
import { renderEn } from '@/lib/i18n/render-en';
import { MARIE, PAUL } from '@/test/ctx';
import { driveUntil, startHarness, type Harness } from '@/test/gaming-harness';
import type { Actor } from '../../context';
import type { DbKind } from '@/test/databases';
import { setDevHold } from '../dev-power/set-dev-hold';
import { allowGaming } from './allow-gaming';
import { askGaming } from './ask-gaming';
import { gamingLeaseTick } from './jobs/leases';
import { monitorTick } from './jobs/monitor';
import { activeSession } from './internal/sessions';
import { getGamingState } from './get-gaming-state';
import { startGaming } from './start-gaming';
import { stopGaming } from './stop-gaming';

const LUCAS: Actor = { subject: 'sub-lucas', name: 'Lucas Martin', email: null, role: 'family' };
const FITS = { memory: { hostReserveGiB: 4, zfsArcGiB: 8, bufferGiB: 0 } };
const posts = (h: Harness, suffix: string) => h.sim.calls.filter((c) => c.method === 'POST' && c.path.endsWith(suffix));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the monitor's look (as two replicas would) until `done`. */
async function lookUntil(h: Harness, done: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await Promise.all([monitorTick(h.ctx(null)), monitorTick(h.ctx(null))]);
    if (await done()) return;
    await sleep(40);
  }
  throw new Error('never happened');
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe.each<DbKind>(['postgres', 'pglite'])('modes, holds, Ask Paul (%s)', (kind) => {
  it('testing mode: Start shuts DEV down first, tells Paul, and DEV comes back once after the game', async () => {
    h = await startHarness(kind, { gaming: { adminName: 'Paul' } }); // the default policy: stop-dev
    const ctx = h.ctx(MARIE);
    const off = await getGamingState({}, ctx);
    expect(off.mode).toBe('testing');
    expect(renderEn(off.preflight!.note!)).toBe('The test servers will be turned off to make room, and back on after the game.');
    await startGaming({}, ctx);
    await driveUntil(ctx, 'ready');
    const shutdown = h.sim.calls.findIndex((c) => c.method === 'POST' && c.path.endsWith('/qemu/101/status/shutdown'));
    const start = h.sim.calls.findIndex((c) => c.method === 'POST' && c.path.endsWith('/qemu/300/status/start'));
    expect(shutdown).toBeGreaterThanOrEqual(0);
    expect(start).toBeGreaterThan(shutdown);
    expect(posts(h, '/qemu/300/status/start')).toHaveLength(1);
    expect((await getGamingState({}, ctx)).mode).toBe('gaming');
    expect(h.notes.find((n) => n.to === null)).toMatchObject({ title: 'DEV cluster shut down for gaming', link: '/gaming' });
    expect(await h.db.auditEvent.count({ where: { action: 'dev.stop', actor: 'system:gaming', outcome: 'ok' } })).toBe(1);

    await stopGaming({}, ctx);
    await driveUntil(ctx, 'ended');
    await lookUntil(h, () => h!.sim.state.vm(101)!.running);
    await lookUntil(h, async () => (await getGamingState({}, ctx)).mode === 'testing');
    expect(posts(h, '/qemu/101/status/start')).toHaveLength(1); // two replicas looking: DEV started once
    expect(await h.db.auditEvent.count({ where: { action: 'dev.start', actor: 'system:gaming', outcome: 'ok' } })).toBe(1);
    expect(h.notes.some((n) => n.to === null && n.title === 'DEV cluster back on')).toBe(true);
  });

  it("under Paul's hold the card says so and offers Ask Paul; his one tap starts it for Marie, once", async () => {
    h = await startHarness(kind, { gaming: { adminName: 'Paul', timeZone: 'UTC' } });
    const until = new Date(Date.now() + 2 * 3600_000);
    await setDevHold({ until: until.toISOString() }, h.ctx(PAUL));
    const ctx = h.ctx(MARIE);
    const card = await getGamingState({}, ctx);
    const hhmm = until.toISOString().slice(11, 16);
    expect(renderEn(card.preflight!.refusal!, 'UTC')).toBe(`Paul is testing on the home server until ${hhmm}, and the game needs that room.`);
    expect(card.can).toMatchObject({ start: true, ask: true });
    await expect(startGaming({}, ctx)).rejects.toMatchObject({ msg: { code: 'srv.hold.on' } });
    expect(posts(h, '/status/shutdown')).toHaveLength(0);

    const [a] = await Promise.all([askGaming({}, ctx), askGaming({}, ctx)]); // a double tap asks once
    expect(await h.db.gamingRequest.count()).toBe(1);
    expect(a.can.ask).toBe(false);
    expect(a.requests).toMatchObject([{ mine: true, byName: 'Marie Martin' }]);
    const note = h.notes.filter((n) => n.to === null && n.title === 'Marie asks to play');
    expect(note).toHaveLength(1);
    const request = (await h.db.gamingRequest.findFirstOrThrow()).id;
    expect(note[0].link).toBe(`/gaming?request=${request}`);
    expect((await getGamingState({}, h.ctx(PAUL))).requests).toMatchObject([{ id: request, mine: false }]);

    await expect(allowGaming({ request }, ctx)).rejects.toThrow(); // Marie can't allow herself
    await Promise.all([allowGaming({ request }, h.ctx(PAUL)), allowGaming({ request }, h.ctx(PAUL))]);
    const row = (await activeSession(h.db))!;
    expect(row).toMatchObject({ startedBy: MARIE.subject, stopDev: true });
    await driveUntil(ctx, 'ready');
    expect(posts(h, '/qemu/300/status/start')).toHaveLength(1);
    expect(posts(h, '/qemu/101/status/shutdown')).toHaveLength(1);
    expect(await h.db.devHold.count()).toBe(0); // allowing ended the hold
    const audits = (await h.db.auditEvent.findMany({ orderBy: { id: 'asc' } })).map((e) => `${e.action}:${e.outcome}`);
    expect(audits).toEqual(expect.arrayContaining(['dev.hold:ok', 'gaming.start:denied', 'gaming.ask:ok', 'gaming.allow:ok', 'dev.stop:ok', 'gaming.start:ok']));
    expect(audits.filter((a) => a === 'gaming.allow:ok')).toHaveLength(1);
    expect(h.notes.some((n) => n.to === MARIE.subject && n.title === 'Paul said yes')).toBe(true);
    await expect(allowGaming({ request: '00000000-0000-4000-8000-000000000000' }, h.ctx(PAUL))).rejects.toMatchObject({ msg: { code: 'srv.ask.gone' } });
  });

  it('a hold in the past or too long is refused as bad input; clearing it lets the game start', async () => {
    h = await startHarness(kind, { gaming: { adminName: 'Paul' } });
    await expect(setDevHold({ until: new Date(Date.now() - 60_000).toISOString() }, h.ctx(PAUL))).rejects.toMatchObject({ code: 'validation', msg: { code: 'srv.hold.past' } });
    await expect(setDevHold({ until: new Date(Date.now() + 48 * 3600_000).toISOString() }, h.ctx(PAUL))).rejects.toMatchObject({ code: 'validation' });
    await expect(setDevHold({ until: 'tonight' }, h.ctx(PAUL))).rejects.toThrow();
    await expect(setDevHold({ clear: true }, h.ctx(MARIE))).rejects.toThrow();
    await setDevHold({ until: new Date(Date.now() + 3600_000).toISOString() }, h.ctx(PAUL));
    await setDevHold({ clear: true }, h.ctx(PAUL));
    await startGaming({}, h.ctx(MARIE));
    expect((await activeSession(h.db))?.stopDev).toBe(true);
    expect(await h.db.auditEvent.count({ where: { action: 'dev.hold', outcome: 'denied' } })).toBe(2);
  });
});

describe.each<DbKind>(['postgres', 'pglite'])('a card that is always right, safe taps (%s)', (kind) => {
  it('a start whose answer was lost does not fail: the VM comes up in the same session, with its lease, one start', async () => {
    h = await startHarness(kind, { gaming: FITS, timeoutMs: 400 });
    h.sim.state.loseNextAnswer('/qemu/300/status/start', 1_500);
    const ctx = h.ctx(MARIE);
    const card = await startGaming({}, ctx);
    expect(card.state).toBe('starting');
    expect(renderEn(card.detail!)).toBe("Proxmox's answer got lost; waiting for the PC to come up…");
    const id = (await activeSession(h.db))!.id;
    await driveUntil(ctx, 'ready');
    const row = (await activeSession(h.db))!;
    expect(row.id).toBe(id);
    expect(row.leaseEndsAt.getTime()).toBeGreaterThan(Date.now());
    expect(posts(h, '/qemu/300/status/start')).toHaveLength(1);
    expect(await h.db.gamingSession.count({ where: { endReason: 'failed' } })).toBe(0);
  });

  it('a VM started outside the panel is adopted with a lease (once, by two replicas), and the lease shuts it down', async () => {
    h = await startHarness(kind, { gaming: FITS });
    h.sim.state.setVmRunning(300, true, { agentReady: true });
    await lookUntil(h, async () => !!(await activeSession(h!.db)));
    expect(await h.db.gamingSession.count()).toBe(1);
    const row = (await activeSession(h.db))!;
    expect(row).toMatchObject({ adopted: true, startedByName: 'Proxmox' });
    expect(row.leaseEndsAt.getTime()).toBeGreaterThan(Date.now() + 170 * 60_000);
    expect(await h.db.auditEvent.count({ where: { action: 'gaming.adopt' } })).toBe(1);
    const card = await getGamingState({}, h.ctx(MARIE));
    expect(card.session).toMatchObject({ adopted: true, startedByName: 'Proxmox' });
    expect(card.can).toMatchObject({ stop: true, stopConfirm: true });
    await h.db.gamingSession.updateMany({ data: { leaseEndsAt: new Date(Date.now() - 1000) } });
    await gamingLeaseTick(h.ctx(null));
    expect(posts(h, '/qemu/300/agent/shutdown').length + posts(h, '/qemu/300/status/shutdown').length).toBe(1);
    await driveUntil(h.ctx(null), 'ended');
    expect((await h.db.gamingSession.findFirstOrThrow()).endReason).toBe('lease');
  });

  it("Stop on someone else's game asks first; Start again after a stop keeps the session and its lease", async () => {
    h = await startHarness(kind, { gaming: FITS });
    const marie = h.ctx(MARIE);
    await startGaming({}, marie);
    await driveUntil(marie, 'ready');
    const before = (await activeSession(h.db))!;
    await expect(stopGaming({}, h.ctx(LUCAS))).rejects.toMatchObject({ msg: { code: 'srv.stop.confirm', params: { name: 'Marie' } } });
    expect(posts(h, '/shutdown')).toHaveLength(0);
    expect(await h.db.auditEvent.count({ where: { action: 'gaming.stop', outcome: 'denied' } })).toBe(1);
    await stopGaming({ confirm: true }, h.ctx(LUCAS));
    // By mistake: Marie taps Start again.
    const again = await startGaming({}, marie);
    expect(again.session?.id).toBe(before.id);
    await driveUntil(marie, 'ready');
    const after = (await activeSession(h.db))!;
    expect(after.id).toBe(before.id);
    expect(after.leaseEndsAt.getTime()).toBe(before.leaseEndsAt.getTime());
    expect(after.stoppedBy).toBeNull();
    expect(posts(h, '/qemu/300/status/start')).toHaveLength(2); // the guest had shut down: one more start, same session
    expect(await h.db.auditEvent.count({ where: { action: 'gaming.start', outcome: 'ok' } })).toBe(2);
  });
});

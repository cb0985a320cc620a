// The lease job with two panel processes (two database clients, two Proxmox clients, two instance
// ids): an expired session's VM is shut down exactly once, with one audit row.
import { afterEach, describe, expect, it } from 'vitest';
import { MARIE } from '@/test/ctx';
import { startGaming } from '../start-gaming';
import { activeSession } from '../internal/sessions';
import { driveUntil, expireWithTwoLeaseJobs, startHarness, type Harness } from '@/test/gaming-harness';
import { gamingLeaseTick } from './leases';

const FITS = { memory: { hostReserveGiB: 4, zfsArcGiB: 8, bufferGiB: 0 } };
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const shutdowns = (h: Harness) => h.sim.calls.filter((c) => c.method === 'POST' && /\/qemu\/300\/(agent\/shutdown|status\/shutdown|status\/stop)$/.test(c.path));

async function readySession(h: Harness) {
  const ctx = h.ctx(MARIE);
  await startGaming({}, ctx);
  await driveUntil(ctx, 'ready');
  return ctx;
}

describe('the gaming lease job (postgres)', () => {
  it('stops an expired VM exactly once with two job runners', async () => {
    h = await startHarness('postgres', { gaming: FITS });
    await readySession(h);
    await expireWithTwoLeaseJobs(h);
    expect(shutdowns(h)).toHaveLength(1);
    const row = await h.db.gamingSession.findFirstOrThrow();
    expect(row.endReason).toBe('lease');
    expect(await h.db.auditEvent.count({ where: { action: 'gaming.stop', actor: 'system:gaming' } })).toBe(1);
    expect(h.notes.filter((n) => n.to === MARIE.subject && /shutting down/.test(n.title))).toHaveLength(1);
  });

  it('even two leaders ticking at once shut it down once, and warn once before the end', async () => {
    h = await startHarness('postgres', { gaming: FITS });
    await readySession(h);
    const a = h.ctx(null);
    const b = h.ctx(null, { db: await h.extraDb() });
    await h.db.gamingSession.updateMany({ data: { leaseEndsAt: new Date(Date.now() + 5 * 60_000) } });
    await Promise.all([gamingLeaseTick(a), gamingLeaseTick(b), gamingLeaseTick(a)]);
    expect(h.notes.filter((n) => n.title === 'nt.leaseEnding.title')).toHaveLength(1);
    expect((await activeSession(h.db))?.warnedAt).not.toBeNull();
    expect(shutdowns(h)).toHaveLength(0);
    await h.db.gamingSession.updateMany({ data: { leaseEndsAt: new Date(Date.now() - 1000) } });
    await Promise.all([gamingLeaseTick(a), gamingLeaseTick(b)]);
    expect(shutdowns(h)).toHaveLength(1);
    expect((await activeSession(h.db))?.state).toBe('stopping');
  });
});

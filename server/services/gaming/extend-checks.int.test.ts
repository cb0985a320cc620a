// Extend is a new grant of time: maintenance (and quiet hours, the weekly allowance) refuse it as they
// refuse Start, and every refused Extend leaves an audit row.
import { afterEach, describe, expect, it } from 'vitest';
import { MARIE } from '@/test/ctx';
import { ConflictError } from '../../errors';
import { extendGaming } from './extend-gaming';
import { startGaming } from './start-gaming';
import { driveUntil, startHarness, type Harness } from '@/test/gaming-harness';

const FITS = { memory: { hostReserveGiB: 4, zfsArcGiB: 8, bufferGiB: 0 } };
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('refused Extends', () => {
  it('re-checks maintenance at Extend time and audits the refusal', async () => {
    const from = new Date(Date.now() + 5 * 60_000).toISOString();
    const to = new Date(Date.now() + 3 * 3600_000).toISOString();
    h = await startHarness('postgres', { gaming: { ...FITS, maintenance: [{ from, to, reason: 'disk swap' }] } });
    const ctx = h.ctx(MARIE);
    const s = await startGaming({}, ctx);
    await driveUntil(ctx, 'booting');
    const later = h.ctx(MARIE, { now: () => new Date(Date.now() + 10 * 60_000) });
    const err = await extendGaming({ leaseEndsAt: s.session!.leaseEndsAt }, later).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    const rows = await h.db.auditEvent.findMany({ where: { action: 'gaming.extend', outcome: 'denied' } });
    expect(rows.map((r) => (r.details as { reason?: string }).reason)).toEqual(['maintenance']);
  });

  it('audits an Extend refused because nothing is running', async () => {
    h = await startHarness('postgres', { gaming: FITS });
    await expect(extendGaming({}, h.ctx(MARIE))).rejects.toBeInstanceOf(ConflictError);
    const rows = await h.db.auditEvent.findMany({ where: { action: 'gaming.extend', outcome: 'denied' } });
    expect(rows).toHaveLength(1);
    expect(rows[0].details).toMatchObject({ reason: 'not-running' });
  });
});

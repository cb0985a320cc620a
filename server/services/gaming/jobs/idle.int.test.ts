// Idle shutdown: with a readiness port configured, Ready comes from that port, and a VM whose guest
// sends less than the threshold for `idleMinutes` is shut down by the lease job.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MARIE } from '@/test/ctx';
import { activeSession } from '../internal/sessions';
import { startGaming } from '../start-gaming';
import { driveUntil, startHarness, type Harness } from '@/test/gaming-harness';
import { gamingLeaseTick } from './leases';

let h: Harness | undefined;
let sunshine: net.Server | undefined;
afterEach(async () => {
  await h?.close();
  await new Promise((r) => (sunshine ? sunshine.close(r) : r(undefined)));
  h = undefined;
});

describe('idle shutdown (postgres)', () => {
  it('shuts an idle VM down once idleMinutes pass without streaming', async () => {
    sunshine = net.createServer((s) => s.end());
    await new Promise<void>((r) => sunshine!.listen(0, '127.0.0.1', r));
    const port = (sunshine.address() as AddressInfo).port;
    h = await startHarness('postgres', { gaming: { memory: { hostReserveGiB: 4, zfsArcGiB: 8, bufferGiB: 0 }, readiness: { host: '127.0.0.1', port }, idleMinutes: 10 } });
    const ctx = h.ctx(MARIE);
    await startGaming({}, ctx);
    await driveUntil(ctx, 'ready');
    expect(h.sim.calls.some((c) => c.path.endsWith('/agent/ping'))).toBe(false);
    await gamingLeaseTick(h.ctx(null)); // baseline of the guest's network counter
    expect((await activeSession(h.db))?.state).toBe('ready');
    const later = h.ctx(null, { now: () => new Date(Date.now() + 11 * 60_000) });
    await gamingLeaseTick(later);
    const row = await activeSession(h.db);
    expect(row).toMatchObject({ state: 'stopping', endReason: 'idle' });
  });
});

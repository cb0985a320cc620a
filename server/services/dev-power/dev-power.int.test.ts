// Admin DEV power against the simulator: stop/start of the VMs tagged `dev`, its pre-flight and audit.
import { afterEach, describe, expect, it } from 'vitest';
import { MARIE, PAUL } from '@/test/ctx';
import { ForbiddenError } from '../../errors';
import { driveUntil, startHarness, type Harness } from '@/test/gaming-harness';
import { startGaming } from '../gaming/start-gaming';
import { getDevPower } from './get-dev-power';
import { setDevPower } from './set-dev-power';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});
const posts = (h: Harness) => h.sim.calls.filter((c) => c.method === 'POST').map((c) => c.path.replace('/api2/json/nodes/pve/qemu/', ''));

describe('DEV cluster power (postgres)', () => {
  it('lets the admin stop and start the DEV VMs, audited; refuses family members', async () => {
    h = await startHarness('postgres');
    await expect(setDevPower({ action: 'stop' }, h.ctx(MARIE))).rejects.toBeInstanceOf(ForbiddenError);
    expect((await getDevPower({}, h.ctx(PAUL))).vms).toEqual([{ vmid: 101, name: 'talos-dev', running: true, memoryGiB: 4 }]);
    await setDevPower({ action: 'stop' }, h.ctx(PAUL));
    expect(posts(h)).toEqual(['101/status/shutdown']);
    await new Promise((r) => setTimeout(r, 150));
    expect(h.sim.state.vm(101)?.running).toBe(false);
    await setDevPower({ action: 'start' }, h.ctx(PAUL));
    expect(posts(h)).toEqual(['101/status/shutdown', '101/status/start']);
    const audits = await h.db.auditEvent.findMany({ where: { action: { startsWith: 'dev.' } }, orderBy: { id: 'asc' } });
    expect(audits.map((a) => `${a.action}:${a.outcome}`)).toEqual(['dev.stop:ok', 'dev.start:ok']);
    expect(await h.db.auditEvent.count({ where: { action: 'dev:power', outcome: 'denied' } })).toBe(1);
  });

  it('refuses to start DEV when the gaming VM leaves no room, in plain words', async () => {
    h = await startHarness('postgres', { gaming: { memory: { hostReserveGiB: 4, zfsArcGiB: 8, bufferGiB: 0 } } });
    await setDevPower({ action: 'stop' }, h.ctx(PAUL));
    await new Promise((r) => setTimeout(r, 150));
    const ctx = h.ctx(MARIE);
    await startGaming({}, ctx);
    await driveUntil(ctx, 'ready');
    h.cfg.memory.bufferGiB = 4;
    await expect(setDevPower({ action: 'start' }, h.ctx(PAUL))).rejects.toThrow('Not enough memory: the DEV cluster needs 4 GB, 0 GB free while the gaming PC is running.');
    await expect(setDevPower({ action: 'start' }, h.ctx(PAUL))).rejects.toMatchObject({ msg: { code: 'srv.dev.memoryGaming' } });
    await expect(setDevPower({ action: 'reboot' }, h.ctx(PAUL))).rejects.toThrow(/action/);
  });
});

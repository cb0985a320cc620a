import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { authenticate, defaultPrivileges, hasPriv, type PveToken } from './auth';
import { ProxmoxState } from './state';

const token: PveToken = { id: 'panel@pve!panel', secret: 's', privs: defaultPrivileges() };
const req = (authorization?: string) => ({ headers: authorization ? { authorization } : {} }) as IncomingMessage;

describe('proxmox token privileges', () => {
  it('propagates privileges from a path to everything below it', () => {
    expect(hasPriv(token, '/vms/202', 'VM.Audit')).toBe(true);
    expect(hasPriv(token, '/vms/202', 'VM.PowerMgmt')).toBe(false);
    expect(hasPriv(token, '/vms/300', 'VM.PowerMgmt')).toBe(true);
    expect(hasPriv(token, '/nodes/pve', 'Sys.Audit')).toBe(true);
    expect(hasPriv(token, '/nodes/pve', 'Sys.PowerMgmt')).toBe(false);
    expect(hasPriv({ ...token, privs: { '/': ['VM.PowerMgmt'] } }, '/vms/202', 'VM.PowerMgmt')).toBe(true);
  });

  it('parses the PVEAPIToken header and tells missing from invalid', () => {
    expect(authenticate(req('PVEAPIToken=panel@pve!panel=s'), [token])).toMatchObject({ ok: true });
    expect(authenticate(req('PVEAPIToken=panel@pve!panel=x'), [token])).toEqual({ ok: false, reason: 'invalid token value!' });
    expect(authenticate(req(), [token])).toEqual({ ok: false, reason: 'No ticket' });
  });
});

describe('proxmox host state', () => {
  it('runs tasks lazily and applies their effect when they end', () => {
    const s = new ProxmoxState(1000, 500);
    s.drift = false;
    const used = s.memory().used;
    const t = s.createTask('qmstart', 300, 'panel@pve!panel');
    expect(t.upid).toMatch(/^UPID:pve:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:qmstart:300:panel@pve!panel:$/);
    s.tick(t.endsAt - 1);
    expect(t.status).toBe('running');
    s.tick(t.endsAt);
    expect(t).toMatchObject({ status: 'stopped', exitstatus: 'OK' });
    expect(s.vm(300)?.running).toBe(true);
    expect(s.vm(300)?.agentReadyAt).toBe(t.endsAt + 1000);
    expect(s.memory().used - used).toBe(32 * 1024 ** 3);
  });
});

import { describe, expect, it } from 'vitest';
import { toProxmoxError } from './errors';

// proxmox-api's error messages → plain words, keeping Proxmox's own text.
describe('toProxmoxError', () => {
  it('turns a 403 into the token sentence', () => {
    const e = toProxmoxError(new Error('POST http://127.0.0.1:8006/api2/json/nodes/pve/qemu/300/status/start connection failed with 403 Permission check failed (/vms/300, VM.PowerMgmt) return: {"data":null}'));
    expect(e).toMatchObject({ status: 403, message: "The panel's Proxmox token may not do this.", reason: 'Permission check failed (/vms/300, VM.PowerMgmt)' });
  });

  it('translates a 500 with Proxmox text', () => {
    const e = toProxmoxError(new Error(`POST http://x/api2/json/nodes/pve/qemu/300/status/start return Error 500 can't lock file '/var/lock/qemu-server/lock-300.conf' - got timeout: {"data":null}`));
    expect(e.status).toBe(500);
    expect(e.message).toBe('The VM is locked by another task (a backup, maybe).');
  });

  it('calls a connection failure unreachable', () => {
    const e = toProxmoxError(new Error('FaILED to call GET http://127.0.0.1:1/api2/json/nodes/pve/qemu cause by:connect ECONNREFUSED'));
    expect(e).toMatchObject({ status: undefined, unreachable: true, message: "The homelab server can't be reached." });
  });
});

import { describe, expect, it } from 'vitest';
import { cardState, type CardFacts } from './state';
import { msg } from '../i18n/message';
import { renderEn } from '../i18n/render-en';
import { proxmoxReason, proxmoxReasonMsg } from './words';

const now = new Date('2026-11-24T19:00:00Z');
const f = (o: Partial<CardFacts>): CardFacts => ({ reachable: true, running: false, guestUp: null, session: null, lastEnded: null, now, ...o });

describe('card state from Proxmox + guest agent + session', () => {
  it('follows the session through its states', () => {
    expect(cardState(f({ session: { state: 'starting' } }))).toBe('starting');
    expect(cardState(f({ session: { state: 'booting' }, running: true, guestUp: false }))).toBe('booting');
    expect(cardState(f({ session: { state: 'ready' }, running: true }))).toBe('ready');
    expect(cardState(f({ session: { state: 'stopping' }, running: true }))).toBe('stopping');
  });

  it('tells the truth about a VM started outside the panel', () => {
    expect(cardState(f({ running: true, guestUp: false }))).toBe('booting');
    expect(cardState(f({ running: true, guestUp: true }))).toBe('ready');
  });

  it('is Off when stopped, and Can\'t start for a while after a failure', () => {
    expect(cardState(f({}))).toBe('off');
    expect(cardState(f({ lastEnded: { endReason: 'failed', endedAt: new Date(now.getTime() - 60_000) } }))).toBe('failed');
    expect(cardState(f({ lastEnded: { endReason: 'failed', endedAt: new Date(now.getTime() - 3600_000) } }))).toBe('off');
    expect(cardState(f({ lastEnded: { endReason: 'stopped', endedAt: now } }))).toBe('off');
  });

  it('says unreachable when Proxmox did not answer, unless a session is under way', () => {
    expect(cardState(f({ reachable: false, running: null }))).toBe('unreachable');
    expect(cardState(f({ reachable: false, running: null, session: { state: 'ready' } }))).toBe('ready');
  });
});

describe('plain words', () => {
  it('translates Proxmox task errors', () => {
    expect(proxmoxReason('TASK ERROR: VM 300 already running')).toBe('it was already running');
    expect(proxmoxReason('Permission check failed (/vms/300, VM.PowerMgmt)')).toBe("the panel's Proxmox token may not do this");
    expect(proxmoxReason("can't lock file '/var/lock/qemu-server/lock-300.conf' - got timeout")).toBe('the VM is locked by another task (a backup, maybe)');
    expect(proxmoxReason('kvm: -device vfio-pci,host=0000:01:00.0: vfio 0000:01:00.0: failed to open /dev/vfio/1: Device or resource busy')).toBe('the graphics card could not be handed to the VM (is it in use?)');
    expect(proxmoxReason('start failed: something odd')).toBe('Proxmox said: "start failed: something odd"');
  });

  it('gives each Proxmox reason as a code', () => {
    expect(proxmoxReasonMsg('TASK ERROR: VM 300 already running')).toEqual({ code: 'srv.reason.alreadyRunning' });
    expect(proxmoxReasonMsg('start failed: something odd')).toEqual({ code: 'srv.reason.other', params: { text: 'start failed: something odd' } });
  });

  it('writes sizes as Proxmox shows them (GiB), never below zero', () => {
    const need = (bytes: number) => renderEn(msg('srv.kv.memory', { need: { bytes } }));
    expect(need(32 * 1024 ** 3)).toBe('Needs 32 GB; the cluster reserves it when the VM starts.');
    expect(need(1.5 * 1024 ** 3)).toBe('Needs 1.5 GB; the cluster reserves it when the VM starts.');
    expect(need(-5)).toBe('Needs 0 GB; the cluster reserves it when the VM starts.');
  });
});

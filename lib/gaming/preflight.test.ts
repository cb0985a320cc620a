import { describe, expect, it } from 'vitest';
import type { Message } from '../i18n/message';
import { renderEn } from '../i18n/render-en';
import { evaluatePreflight, pciDevices } from './preflight';
import { facts, GiB, noBuffer, SEED, TUE_19, vm } from './preflight.fixtures';

/** A message as its code and its English words. */
const said = (m: Message | null) => (m ? { code: m.code, en: renderEn(m) } : null);


describe('the gaming pre-flight', () => {
  it('passes on the seeded host when the reserve leaves room, each check in plain words', () => {
    const r = evaluatePreflight(facts({}, noBuffer));
    expect(r.ok).toBe(true);
    expect(r.refusal).toBeNull();
    expect(r.checks.map((c) => renderEn(c.message))).toEqual([
      'You may start the gaming PC.',
      'The graphics card is free.',
      'Enough memory: needs 32 GB, 32 GB free.',
      'No promotion is being rolled out.',
      'No maintenance is planned now.',
      'Not within quiet hours.',
    ]);
  });

  it('refuses when RAM is short under the refuse policy, naming who can help', () => {
    const r = evaluatePreflight(facts({}, { policy: 'refuse', adminName: 'Paul' }));
    expect(r.ok).toBe(false);
    expect(said(r.refusal)).toEqual({ code: 'srv.memory.shortDev', en: "Not enough memory: needs 32 GB, 28 GB free while Paul's test servers are running; only Paul can turn them off." });
    expect(r.ask).toBe(true);
    expect(r.stopDev).toBe(false);
  });

  it('says what it will do under stop-dev: shut DEV down to make room', () => {
    const r = evaluatePreflight(facts({}, { policy: 'stop-dev' }));
    expect(r.ok).toBe(true);
    expect(r.stopDev).toBe(true);
    expect(r.devVmids).toEqual([101]);
    expect(said(r.note)).toEqual({ code: 'srv.note.stopDev', en: 'The test servers will be turned off to make room, and back on after the game.' });
  });

  it('refuses under stop-dev when even without DEV it would not fit', () => {
    const r = evaluatePreflight(facts({ hostTotalBytes: 48 * GiB }, { policy: 'stop-dev' }));
    expect(said(r.refusal)).toEqual({ code: 'srv.memory.short', en: 'Not enough memory: needs 32 GB, 12 GB free.' });
    expect(r.ask).toBe(false);
  });

  it('refuses without mentioning DEV when DEV is off', () => {
    const vms = SEED.map((v) => (v.vmid === 101 ? { ...v, running: false } : v));
    const r = evaluatePreflight(facts({ vms, hostTotalBytes: 56 * GiB }));
    expect(said(r.refusal)).toEqual({ code: 'srv.memory.short', en: 'Not enough memory: needs 32 GB, 24 GB free.' });
  });

  it('refuses when another running VM holds the same GPU', () => {
    const vms = [...SEED, vm(400, 'linux-desktop', 4, true, [], ['host=0000:01:00.0;0000:01:00.1'])];
    const r = evaluatePreflight(facts({ vms, hostTotalBytes: 128 * GiB }));
    expect(said(r.refusal)).toEqual({ code: 'srv.gpu.busy', en: 'The graphics card is in use by linux-desktop.' });
  });

  it('refuses while a promotion is being rolled out', () => {
    expect(said(evaluatePreflight(facts({ promotionInFlight: true }, noBuffer)).refusal)).toEqual({ code: 'srv.promotion.busy', en: 'A promotion is being rolled out to PROD right now; try again in a few minutes.' });
  });

  it('refuses during a maintenance window', () => {
    const r = evaluatePreflight(facts({}, { ...noBuffer, maintenance: [{ from: '2026-11-24T18:00:00Z', to: '2026-11-24T20:30:00Z', reason: 'disk swap' }] }));
    expect(said(r.refusal)).toEqual({ code: 'srv.maintenance.on', en: 'The homelab is under maintenance (disk swap) until 20:30.' });
  });

  const school = { quietHours: [{ days: ['sun', 'mon', 'tue', 'wed', 'thu'] as ('sun' | 'mon' | 'tue' | 'wed' | 'thu')[], from: '21:30', to: '07:00', label: 'school night' }] };
  it('refuses family members in quiet hours, past midnight too, but not the admin', () => {
    const late = new Date('2026-11-24T22:00:00Z');
    const night = new Date('2026-11-25T02:00:00Z');
    expect(said(evaluatePreflight(facts({ now: late }, { ...noBuffer, ...school })).refusal)).toEqual({ code: 'srv.quiet.on', en: "It's school night (21:30–07:00); only an admin can start it now." });
    expect(renderEn(evaluatePreflight(facts({ now: late }, { ...noBuffer, ...school, adminName: 'Paul' })).refusal!)).toBe("It's school night (21:30–07:00); only Paul can start it now.");
    expect(evaluatePreflight(facts({ now: night }, { ...noBuffer, ...school })).ok).toBe(false);
    expect(evaluatePreflight(facts({ now: TUE_19 }, { ...noBuffer, ...school })).ok).toBe(true);
    // Friday night is not a school night.
    expect(evaluatePreflight(facts({ now: new Date('2026-11-27T22:00:00Z') }, { ...noBuffer, ...school })).ok).toBe(true);
    expect(evaluatePreflight(facts({ now: late, role: 'admin' }, { ...noBuffer, ...school })).ok).toBe(true);
  });

  it('honours the configured time zone for quiet hours', () => {
    // 21:00 UTC is 22:00 in Paris (winter).
    const r = evaluatePreflight(facts({ now: new Date('2026-11-24T21:00:00Z') }, { ...noBuffer, ...school, timeZone: 'Europe/Paris' }));
    expect(r.ok).toBe(false);
  });

  it('refuses past the weekly allowance (family only)', () => {
    const r = evaluatePreflight(facts({ weeklyMinutesUsed: 11 * 60 }, { ...noBuffer, weeklyHoursPerPerson: 10 }));
    expect(said(r.refusal)).toEqual({ code: 'srv.weekly.over', en: 'You have played 11 h this week; the limit is 10 h.' });
    expect(evaluatePreflight(facts({ weeklyMinutesUsed: 11 * 60, role: 'admin' }, { ...noBuffer, weeklyHoursPerPerson: 10 })).ok).toBe(true);
  });

  it('refuses when the gaming VM is not there', () => {
    expect(said(evaluatePreflight(facts({ gamingVmid: 999 })).refusal)).toEqual({ code: 'srv.vmMissing', en: "The gaming VM wasn't found on the server." });
  });
});

describe('pciDevices', () => {
  it('reduces Proxmox hostpci strings to devices', () => {
    expect(pciDevices(['0000:01:00,pcie=1,x-vga=1'])).toEqual(['01:00']);
    expect(pciDevices(['host=0000:01:00.0;0000:01:00.1,pcie=1'])).toEqual(['01:00']);
    expect(pciDevices(['mapping=gpu,pcie=1'])).toEqual(['mapping=gpu']);
  });
});

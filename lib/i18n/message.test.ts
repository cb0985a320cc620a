import { describe, expect, it } from 'vitest';
import { GamingConfigSchema } from '../gaming/config';
import { evaluateKubevirtPreflight, kubevirtStep, reshapeVm, startingDetail } from '../gaming/kubevirt';
import { evaluatePreflight } from '../gaming/preflight';
import { facts, noBuffer, SEED } from '../gaming/preflight.fixtures';
import { minutesMsg, proxmoxErrorClause, proxmoxErrorMsg, proxmoxReasonMsg, stateLabel } from '../gaming/words';
import { en } from './en';
import { enGaming } from './en-gaming';
import { fr } from './fr';
import { translator } from './catalogue';
import { formatMessage, msg, plainText, readStoredMessage, storeMessage, type Message } from './message';
import { renderEn } from './render-en';

const say = (m: Message) => formatMessage(m, translator('fr'), 'fr', 'UTC');

const school = { quietHours: [{ days: ['tue'] as 'tue'[], from: '21:30', to: '07:00', label: 'school night' }] };
const late = new Date('2026-11-24T22:00:00Z');
const kvVm = reshapeVm({ metadata: { name: 'windows-gaming', namespace: 'gaming' }, spec: { template: { spec: { domain: { memory: { guest: '32Gi' } } } } } });
const T = { startSeconds: 600, bootSeconds: 300, unschedulableSeconds: 60, stopSeconds: 600 };
const t0 = new Date('2026-11-26T18:00:00Z');

// A sample of what the pure gaming rules produce.
const MESSAGES: Message[] = [
  ...[
    evaluatePreflight(facts({}, noBuffer)),
    evaluatePreflight(facts()),
    evaluatePreflight(facts({}, { policy: 'stop-dev' })),
    evaluatePreflight(facts({ promotionInFlight: true, weeklyMinutesUsed: 11 * 60 }, { ...noBuffer, weeklyHoursPerPerson: 10, maintenance: [{ from: '2026-11-24T18:00:00Z', to: '2026-11-24T20:30:00Z', reason: 'disk swap' }] })),
    evaluatePreflight(facts({ now: late, weeklyMinutesUsed: 60 }, { ...noBuffer, ...school, weeklyHoursPerPerson: 10 })),
    evaluatePreflight(facts({ now: late, role: 'admin' }, { ...noBuffer, ...school })),
    evaluatePreflight(facts({ vms: SEED.slice(0, 3) })),
    evaluateKubevirtPreflight({ role: 'family', now: t0, cfg: GamingConfigSchema.parse({}), vm: kvVm, others: [], promotionInFlight: false, weeklyMinutesUsed: 0 }),
  ].flatMap((r) => [...r.checks.map((c) => c.message), r.note, r.refusal]),
  startingDetail(false, null),
  startingDetail(true, null),
  ...(['starting', 'booting'] as const).map((state) => kubevirtStep({ state, committed: true, vmi: null, guestUp: false, startedAt: t0, now: new Date(t0.getTime() + 3600_000), timeouts: T })).flatMap((s) => (s.kind === 'fail' ? [s.message] : [])),
  ...['permission check failed (403)', 'VM 300 already running', 'VM is locked (backup)', 'vfio error', 'cannot allocate memory', 'no such VM', 'timeout waiting'].map((raw) => msg('srv.cantStart', { reason: proxmoxReasonMsg(raw) })),
  stateLabel('ready'),
].filter((m): m is Message => m !== null);

describe('messages (code + params)', () => {
  it('every gaming code is in both catalogues, with the same placeholders', () => {
    const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const code of Object.keys(enGaming) as (keyof typeof enGaming)[]) {
      expect(en[code], code).toBe(enGaming[code]);
      expect(fr[code], code).toBeTruthy();
      expect(vars(fr[code]), code).toEqual(vars(en[code]));
    }
  });

  it('says every message the gaming rules produce in French, every placeholder filled', () => {
    for (const m of MESSAGES) {
      expect(m.code in en, m.code).toBe(true);
      const words = say(m);
      expect(words, m.code).not.toBe(renderEn(m));
      expect(words, m.code).not.toMatch(/\{\w+\}/);
      expect(renderEn(m), m.code).not.toMatch(/\{\w+\}/);
    }
  });

  it('formats sizes, numbers and times for the locale', () => {
    const m = evaluatePreflight(facts({}, { policy: 'refuse', adminName: 'Paul' })).refusal!;
    expect(renderEn(m)).toBe("Not enough memory: needs 32 GB, 28 GB free while Paul's test servers are running; only Paul can turn them off.");
    expect(say(m)).toBe("Pas assez de mémoire : il faut 32 Go, 28 Go libres tant que les serveurs d'essai de Paul tournent ; seul Paul peut les éteindre.");
    expect(say(msg('srv.weekly.over', { used: 2.5, limit: 10 }))).toBe('Vous avez joué 2,5 h cette semaine ; la limite est de 10 h.');
    const warn = msg('srv.leaseWarning', { time: { at: '2026-11-24T20:30:00Z' } });
    expect(renderEn(warn, 'Europe/Paris')).toBe('It shuts down at 21:30. Tap Extend for more time.');
    expect(say(warn)).toBe("Il s'éteint à 20:30. Touchez Prolonger pour avoir plus de temps.");
  });

  it('nests reasons: a Proxmox failure as a clause or a sentence', () => {
    const slow = { status: 500, reason: 'got timeout' };
    expect(renderEn(msg('srv.cantStart', { reason: proxmoxErrorClause(slow) }))).toBe("Can't start: Proxmox took too long.");
    expect(say(msg('srv.cantStart', { reason: proxmoxErrorClause(slow) }))).toBe('Impossible de démarrer : Proxmox a mis trop de temps à répondre.');
    expect(renderEn(msg('srv.cantStart', { reason: proxmoxErrorClause({ status: 403, reason: 'Permission check failed' }) }))).toBe("Can't start: the panel's Proxmox token may not do this.");
    expect(renderEn(proxmoxErrorMsg(slow))).toBe('Proxmox took too long.');
    expect(say(proxmoxErrorMsg({ status: undefined, reason: 'ECONNREFUSED' }))).toBe('Le serveur de la maison ne répond pas.');
    const dev = msg('srv.cantStart.dev', { why: proxmoxErrorClause({ status: undefined, reason: 'ECONNREFUSED' }) });
    expect(renderEn(dev)).toBe("Can't start: the test servers could not be shut down (the homelab server can't be reached).");
    expect(say(msg('srv.cantStart.boot', { time: minutesMsg(60) }))).toBe("Impossible de démarrer : Windows n'a pas répondu en 1 minute.");
    expect(renderEn(msg('srv.cantStart', { reason: proxmoxReasonMsg('TASK ERROR: something odd') }))).toBe('Can\'t start: Proxmox said: "something odd".');
  });

  it('keeps a message in a text column as JSON, and reads an old English row as it is', () => {
    const m = msg('srv.cantStart', { reason: proxmoxReasonMsg('vfio error') });
    expect(readStoredMessage(storeMessage(m))).toEqual(m);
    expect(readStoredMessage("Can't start: Proxmox took too long.")).toEqual(plainText("Can't start: Proxmox took too long."));
    expect(say(readStoredMessage('{not json')!)).toBe('{not json');
    expect(readStoredMessage(null)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { GamingConfigSchema, type GamingConfig } from '../gaming/config';
import { evaluatePreflight, type PreflightFacts, type VmFacts } from '../gaming/preflight';
import { FORBIDDEN_TOKEN, UNREACHABLE, proxmoxReason } from '../gaming/words';
import { messagesFor, type Locale } from './index';
import { localizeServerText as localize } from './server-text';

const localizeServerText = (text: string, locale: Locale) => localize(text, locale, messagesFor(locale));

const GiB = 1024 ** 3;
const vm = (vmid: number, name: string, memGiB: number, running: boolean, tags: string[], pci: string[] = []): VmFacts => ({ vmid, name, running, memoryBytes: memGiB * GiB, tags, pci });
const SEED = [
  vm(101, 'talos-dev', 4, true, ['talos', 'dev']),
  vm(201, 'talos-prod-cp', 4, true, ['talos', 'prod']),
  vm(202, 'talos-prod-worker-1', 12, true, ['talos', 'prod']),
  vm(300, 'windows-gaming', 32, false, ['gaming'], ['0000:01:00,pcie=1,x-vga=1']),
];
const facts = (over: Partial<PreflightFacts> = {}, cfg: Partial<GamingConfig> = {}): PreflightFacts => ({
  role: 'family',
  now: new Date('2026-11-24T19:00:00Z'),
  cfg: { ...GamingConfigSchema.parse({}), ...cfg },
  hostTotalBytes: 64 * GiB,
  vms: SEED,
  gamingVmid: 300,
  promotionInFlight: false,
  weeklyMinutesUsed: 0,
  ...over,
});
const noBuffer = { memory: { hostReserveGiB: 4, zfsArcGiB: 8, bufferGiB: 0 } };
const school = { quietHours: [{ days: ['tue'] as 'tue'[], from: '21:30', to: '07:00', label: 'school night' }] };
const late = new Date('2026-11-24T22:00:00Z');

// Every sentence the pure gaming rules can produce today: if one changes in lib/gaming, this fails
// (the French card would silently fall back to English otherwise).
const SENTENCES = [
  ...[
    evaluatePreflight(facts({}, noBuffer)),
    evaluatePreflight(facts()),
    evaluatePreflight(facts({}, { policy: 'stop-dev' })),
    evaluatePreflight(facts({ promotionInFlight: true, weeklyMinutesUsed: 11 * 60 }, { ...noBuffer, weeklyHoursPerPerson: 10, maintenance: [{ from: '2026-11-24T18:00:00Z', to: '2026-11-24T20:30:00Z', reason: 'disk swap' }] })),
    evaluatePreflight(facts({ now: late, weeklyMinutesUsed: 60 }, { ...noBuffer, ...school, weeklyHoursPerPerson: 10 })),
    evaluatePreflight(facts({ now: late, role: 'admin' }, { ...noBuffer, ...school })),
    evaluatePreflight(facts({ vms: [...SEED.slice(0, 3), vm(301, 'other-gpu', 4, true, [], ['0000:01:00']), SEED[3]] }, noBuffer)),
    evaluatePreflight(facts({ vms: SEED.slice(0, 3) })),
  ].flatMap((r) => [...r.checks.map((c) => c.message), r.note, r.refusal]),
  UNREACHABLE,
  FORBIDDEN_TOKEN,
  // The card's state comes as a code (rendered from gaming.state.*), except this label from get-gaming-state.ts.
  "Can't check the gaming PC",
  ...['permission check failed (403)', 'VM 300 already running', 'VM is locked (backup)', 'vfio error', 'cannot allocate memory', 'no such VM', 'timeout waiting'].map(
    (raw) => `Can't start: ${proxmoxReason(raw)}.`,
  ),
].filter((s): s is string => typeof s === 'string');

describe('localizeServerText', () => {
  it('leaves English as it is', () => {
    for (const s of SENTENCES) expect(localizeServerText(s, 'en')).toBe(s);
  });

  it('recognises every sentence the gaming rules produce and says it in French', () => {
    for (const s of SENTENCES) {
      const fr = localizeServerText(s, 'fr');
      expect(fr, s).not.toBe(s);
      expect(fr, s).not.toMatch(/\{\w+\}/);
    }
  });

  it('keeps the numbers and names, in French units', () => {
    expect(localizeServerText('Not enough memory: needs 32 GB, 28 GB free while the DEV cluster is running.', 'fr')).toBe(
      'Pas assez de mémoire : il faut 32 Go, 28 Go libres tant que le cluster DEV tourne.',
    );
    expect(localizeServerText('The graphics card is in use by other-gpu.', 'fr')).toBe('La carte graphique est utilisée par other-gpu.');
    expect(localizeServerText('It shuts down at 21:30. Tap Extend for more time.', 'fr')).toBe("Il s'éteint à 21:30. Touchez Prolonger pour avoir plus de temps.");
  });

  it('translates nested reasons, also the lowercased and sentence forms', () => {
    expect(localizeServerText("Can't start: Proxmox took too long.", 'fr')).toBe('Impossible de démarrer : Proxmox a mis trop de temps à répondre.');
    expect(localizeServerText("Can't start: the panel's proxmox token may not do this.", 'fr')).toBe("Impossible de démarrer : le jeton Proxmox du panneau n'a pas le droit de faire ça.");
    expect(localizeServerText("Can't start: the DEV cluster could not be shut down (The homelab server can't be reached.)", 'fr')).toBe(
      "Impossible de démarrer : le cluster DEV n'a pas pu être éteint (Le serveur de la maison ne répond pas.)",
    );
    expect(localizeServerText('Proxmox took too long.', 'fr')).toBe('Proxmox a mis trop de temps à répondre.');
  });

  it('shows an unknown sentence as it came', () => {
    expect(localizeServerText('Something new from the server.', 'fr')).toBe('Something new from the server.');
  });
});

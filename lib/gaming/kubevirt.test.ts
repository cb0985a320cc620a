import { describe, expect, it } from 'vitest';
import type { Message } from '../i18n/message';
import { renderEn } from '../i18n/render-en';
import { GamingConfigSchema } from './config';
import {
  evaluateKubevirtPreflight,
  kubevirtCardState,
  kubevirtStep,
  manifestRunStrategy,
  ManifestError,
  quantityBytes,
  reshapeVm,
  reshapeVmi,
  setRunStrategy,
  startingDetail,
  type KubevirtVmi,
} from './kubevirt';

const MANIFEST = `# Windows gaming VM
apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: windows-gaming
  namespace: gaming
spec:
  runStrategy: Halted # Always = on, Halted = off
  template:
    spec:
      domain:
        memory:
          guest: 32Gi
        devices:
          gpus:
            - name: gpu1
              deviceName: nvidia.com/GA104
`;

const cfg = GamingConfigSchema.parse({ backend: 'kubevirt' });
const T = cfg.kubevirt.timeouts;
const t0 = new Date('2026-11-26T18:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);
const vmi = (phase: string, extra: Partial<KubevirtVmi> = {}): KubevirtVmi => ({ namespace: 'gaming', name: 'windows-gaming', phase, agentConnected: false, unschedulable: null, nodeName: null, gpus: [], deleting: false, ...extra });

/** A message in English; a step with its message in English. */
const en = (m: Message | null | undefined) => (m ? renderEn(m) : null);
const words = (x: object) => ('message' in x && x.message ? { ...x, message: renderEn(x.message as Message) } : x);

describe('gaming config: the kubevirt backend', () => {
  it('defaults to proxmox, with a sensible kubevirt block', () => {
    const d = GamingConfigSchema.parse({});
    expect(d.backend).toBe('proxmox');
    expect(d.kubevirt).toEqual({ cluster: 'prod', namespace: 'gaming', vm: 'windows-gaming', manifestPath: 'kubernetes/overlays/prod/gaming-vm/virtualmachine.yaml', timeouts: { startSeconds: 600, bootSeconds: 300, unschedulableSeconds: 60, stopSeconds: 600 } });
  });

  it('is strict and validates names and paths', () => {
    expect(() => GamingConfigSchema.parse({ backend: 'vmware' })).toThrow();
    expect(() => GamingConfigSchema.parse({ kubevirt: { vm: 'Windows_Gaming' } })).toThrow(/Kubernetes name/);
    expect(() => GamingConfigSchema.parse({ kubevirt: { manifestPath: '../etc/passwd.yaml' } })).toThrow(/inside the repository/);
    expect(() => GamingConfigSchema.parse({ kubevirt: { manifestPath: 'vm.json' } })).toThrow(/repository path/);
    expect(() => GamingConfigSchema.parse({ kubevirt: { namespaces: 'x' } })).toThrow();
    expect(GamingConfigSchema.parse({ backend: 'kubevirt', kubevirt: { cluster: 'home', timeouts: { bootSeconds: 600 } } }).kubevirt).toMatchObject({ cluster: 'home', timeouts: { startSeconds: 600, bootSeconds: 600 } });
  });
});

describe('kubevirt manifest edit', () => {
  it('sets runStrategy in place, keeping comments and layout', () => {
    const r = setRunStrategy(MANIFEST, 'Always');
    expect(r.changed).toBe(true);
    expect(r.text).toBe(MANIFEST.replace('runStrategy: Halted #', 'runStrategy: Always #'));
    expect(manifestRunStrategy(r.text)).toBe('Always');
    expect(setRunStrategy(r.text, 'Always')).toEqual({ text: r.text, changed: false });
  });

  it('replaces the legacy `running` field', () => {
    const legacy = MANIFEST.replace('  runStrategy: Halted # Always = on, Halted = off\n', '  running: false\n');
    expect(manifestRunStrategy(legacy)).toBe('Halted');
    const r = setRunStrategy(legacy, 'Always');
    expect(r.text).not.toContain('running:');
    expect(manifestRunStrategy(r.text)).toBe('Always');
    expect(r.text).toContain('# Windows gaming VM');
  });

  it('refuses what is not a VirtualMachine', () => {
    expect(() => setRunStrategy('kind: Deployment\nspec: {}\n', 'Always')).toThrow(ManifestError);
    expect(() => setRunStrategy('kind: VirtualMachine\n', 'Always')).toThrow(/no spec/);
    expect(() => setRunStrategy('a: [', 'Always')).toThrow(/does not parse/);
  });
});

describe('kubevirt reshape', () => {
  it('reads the VM and the VMI the way KubeVirt serialises them', () => {
    const vm = reshapeVm({ metadata: { name: 'windows-gaming', namespace: 'gaming' }, spec: { runStrategy: 'Always', template: { spec: { domain: { memory: { guest: '32Gi' }, devices: { gpus: [{ name: 'g', deviceName: 'nvidia.com/GA104' }] } } } } }, status: { printableStatus: 'Running', ready: true } });
    expect(vm).toEqual({ namespace: 'gaming', name: 'windows-gaming', runStrategy: 'Always', printableStatus: 'Running', ready: true, memoryBytes: 32 * 1024 ** 3, gpus: ['nvidia.com/GA104'] });
    const i = reshapeVmi({
      metadata: { name: 'windows-gaming', namespace: 'gaming' },
      spec: { domain: { devices: { hostDevices: [{ deviceName: 'nvidia.com/GA104' }] } } },
      status: { phase: 'Scheduling', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient memory.', lastTransitionTime: '2026-11-26T18:00:00Z' }] },
    });
    expect(i).toMatchObject({ phase: 'Scheduling', agentConnected: false, gpus: ['nvidia.com/GA104'], unschedulable: { message: '0/3 nodes are available: 3 Insufficient memory.', since: t0 } });
    expect(reshapeVmi({ status: { phase: 'Running', conditions: [{ type: 'AgentConnected', status: 'True' }] } }).agentConnected).toBe(true);
    expect(reshapeVm({}).runStrategy).toBeNull();
    expect([quantityBytes('32Gi'), quantityBytes('512Mi'), quantityBytes('2G'), quantityBytes(1024), quantityBytes('lots')]).toEqual([32 * 1024 ** 3, 512 * 1024 ** 2, 2e9, 1024, null]);
  });
});

describe('kubevirt card state', () => {
  const vm = reshapeVm({ metadata: { name: 'windows-gaming', namespace: 'gaming' }, spec: { runStrategy: 'Halted' }, status: { printableStatus: 'Stopped' } });
  const base = { reachable: true, vm, vmi: null, guestUp: false, session: null, lastEnded: null, now: t0 };

  it('maps the VMI phase and the agent to the card states', () => {
    expect(kubevirtCardState(base)).toBe('off');
    expect(kubevirtCardState({ ...base, vmi: vmi('Pending') })).toBe('starting');
    expect(kubevirtCardState({ ...base, vmi: vmi('Scheduled') })).toBe('starting');
    expect(kubevirtCardState({ ...base, vmi: vmi('Running') })).toBe('booting');
    expect(kubevirtCardState({ ...base, vmi: vmi('Running', { agentConnected: true }), guestUp: true })).toBe('ready');
    expect(kubevirtCardState({ ...base, vmi: vmi('Succeeded') })).toBe('stopping');
    expect(kubevirtCardState({ ...base, vmi: vmi('Running', { deleting: true }) })).toBe('stopping');
    expect(kubevirtCardState({ ...base, vmi: vmi('Failed') })).toBe('off');
  });

  it('the session wins; unreachable without the cluster; "Can\'t start" for 30 minutes after a failure', () => {
    expect(kubevirtCardState({ ...base, session: { state: 'stopping' }, vmi: vmi('Running') })).toBe('stopping');
    expect(kubevirtCardState({ ...base, reachable: false })).toBe('unreachable');
    expect(kubevirtCardState({ ...base, vm: null })).toBe('unreachable');
    const lastEnded = { endReason: 'failed', endedAt: t0 };
    expect(kubevirtCardState({ ...base, lastEnded, now: at(60) })).toBe('failed');
    expect(kubevirtCardState({ ...base, lastEnded, now: at(31 * 60) })).toBe('off');
  });

  it('says where a start is', () => {
    expect(en(startingDetail(false, null))).toBe('Writing the start to the GitOps repository…');
    expect(en(startingDetail(true, null))).toBe('Waiting for Argo CD to apply the change…');
    expect(en(startingDetail(true, vmi('Scheduling')))).toBe('Finding a node for the VM…');
    expect(en(startingDetail(true, vmi('Scheduling', { unschedulable: { message: 'no GPU', since: null } })))).toBe('Waiting for room on the cluster: no GPU');
    expect(en(startingDetail(true, vmi('Scheduled')))).toBe('Starting the VM…');
  });
});

describe('kubevirt session steps', () => {
  const f = { committed: true, vmi: null, guestUp: false, startedAt: t0, now: at(5), timeouts: T };

  it('starting → booting → ready as the VMI runs and the agent connects', () => {
    expect(kubevirtStep({ ...f, state: 'starting' })).toEqual({ kind: 'wait' });
    expect(kubevirtStep({ ...f, state: 'starting', vmi: vmi('Scheduled') })).toEqual({ kind: 'wait' });
    expect(kubevirtStep({ ...f, state: 'starting', vmi: vmi('Running') })).toEqual({ kind: 'booting' });
    expect(kubevirtStep({ ...f, state: 'booting', vmi: vmi('Running') })).toEqual({ kind: 'wait' });
    expect(kubevirtStep({ ...f, state: 'booting', vmi: vmi('Running'), guestUp: true })).toEqual({ kind: 'ready' });
  });

  it('fails with plain words and asks for Halted', () => {
    expect(words(kubevirtStep({ ...f, state: 'starting', now: at(T.startSeconds + 1) }))).toEqual({ kind: 'fail', message: "Can't start: Argo CD did not apply the change within 10 minutes.", halt: true });
    expect(words(kubevirtStep({ ...f, state: 'starting', vmi: vmi('Scheduling'), now: at(T.startSeconds + 1) }))).toEqual({ kind: 'fail', message: "Can't start: the VM was not running within 10 minutes.", halt: true });
    expect(kubevirtStep({ ...f, state: 'starting', vmi: vmi('Failed') })).toMatchObject({ kind: 'fail', halt: true });
    const stuck = vmi('Scheduling', { unschedulable: { message: '0/3 nodes are available: 3 Insufficient memory.', since: t0 } });
    expect(kubevirtStep({ ...f, state: 'starting', vmi: stuck, now: at(30) })).toEqual({ kind: 'wait' });
    expect(kubevirtStep({ ...f, state: 'starting', vmi: stuck, now: at(61) })).toMatchObject({ message: { code: 'srv.kv.noRoom' } });
    expect(words(kubevirtStep({ ...f, state: 'starting', vmi: stuck, now: at(61) }))).toEqual({ kind: 'fail', message: "Can't start: the cluster has no room for it (0/3 nodes are available: 3 Insufficient memory).", halt: true });
    expect(words(kubevirtStep({ ...f, state: 'booting', vmi: null }))).toEqual({ kind: 'fail', message: "Can't start: the VM stopped while Windows was booting.", halt: true });
    expect(words(kubevirtStep({ ...f, state: 'booting', vmi: vmi('Running'), now: at(T.startSeconds + T.bootSeconds + 1) }))).toEqual({ kind: 'fail', message: "Can't start: Windows did not answer within 5 minutes.", halt: true });
    expect(kubevirtStep({ ...f, state: 'starting', committed: false, now: at(T.startSeconds + 1) })).toMatchObject({ kind: 'fail' });
  });

  it('ready ends when the VMI goes away outside the panel; stopping ends when it is gone', () => {
    expect(kubevirtStep({ ...f, state: 'ready', vmi: vmi('Running') })).toEqual({ kind: 'wait' });
    expect(kubevirtStep({ ...f, state: 'ready', vmi: null })).toEqual({ kind: 'ended', reason: 'external' });
    expect(kubevirtStep({ ...f, state: 'stopping', vmi: vmi('Running') })).toEqual({ kind: 'wait' });
    expect(kubevirtStep({ ...f, state: 'stopping', vmi: vmi('Succeeded') })).toEqual({ kind: 'ended', reason: null });
    expect(kubevirtStep({ ...f, state: 'stopping', vmi: null })).toEqual({ kind: 'ended', reason: null });
  });

  it('a stop that Argo CD never applies is reported as stalled after stopSeconds', () => {
    const asked = at(100);
    expect(kubevirtStep({ ...f, state: 'stopping', vmi: vmi('Running'), stopRequestedAt: asked, now: at(100 + T.stopSeconds) })).toEqual({ kind: 'wait' });
    expect(words(kubevirtStep({ ...f, state: 'stopping', vmi: vmi('Running'), stopRequestedAt: asked, now: at(100 + T.stopSeconds + 1) }))).toEqual({
      kind: 'stopStalled',
      message: 'The stop is written in the GitOps repository, but the PC is still running after 10 minutes (has Argo CD applied it?). Try Stop again or ask an admin.',
    });
  });
});

describe('kubevirt pre-flight', () => {
  const vm = reshapeVm({ metadata: { name: 'windows-gaming', namespace: 'gaming' }, spec: { runStrategy: 'Halted', template: { spec: { domain: { memory: { guest: '32Gi' }, devices: { gpus: [{ deviceName: 'nvidia.com/GA104' }] } } } } } });
  const base = { role: 'family' as const, now: t0, cfg, vm, others: [], promotionInFlight: false, weeklyMinutesUsed: 0 };

  it('passes with the GPU free, stating the memory the VM asks for', () => {
    const r = evaluateKubevirtPreflight(base);
    expect(r.ok).toBe(true);
    expect(r.checks.map((c) => c.id)).toEqual(['permission', 'gpu', 'memory', 'promotion', 'maintenance', 'quiet-hours']);
    expect(en(r.checks.find((c) => c.id === 'memory')?.message)).toBe('Needs 32 GB; the cluster reserves it when the VM starts.');
  });

  it('refuses when another running VMI holds the GPU, during a promotion, in quiet hours and maintenance', () => {
    expect(en(evaluateKubevirtPreflight({ ...base, others: [vmi('Running', { name: 'ai-box', namespace: 'lab', gpus: ['nvidia.com/GA104'] })] }).refusal)).toBe('The graphics card is in use by ai-box.');
    expect(evaluateKubevirtPreflight({ ...base, others: [vmi('Succeeded', { name: 'ai-box', namespace: 'lab', gpus: ['nvidia.com/GA104'] })] }).ok).toBe(true);
    expect(en(evaluateKubevirtPreflight({ ...base, promotionInFlight: true }).refusal)).toMatch(/promotion/);
    const quiet = { ...cfg, quietHours: [{ days: ['thu' as const], from: '17:00', to: '23:00', label: 'homework time' }] };
    expect(en(evaluateKubevirtPreflight({ ...base, cfg: quiet }).refusal)).toMatch(/homework time/);
    expect(evaluateKubevirtPreflight({ ...base, cfg: quiet, role: 'admin' }).ok).toBe(true);
    const maint = { ...cfg, maintenance: [{ from: '2026-11-26T17:00:00Z', to: '2026-11-26T19:00:00Z', reason: 'disk swap' }] };
    expect(en(evaluateKubevirtPreflight({ ...base, cfg: maint }).refusal)).toMatch(/disk swap/);
    expect(evaluateKubevirtPreflight({ ...base, vm: null }).refusal?.code).toBe('srv.kv.vmMissing');
    expect(en(evaluateKubevirtPreflight({ ...base, vm: null }).refusal)).toBe("The gaming VM wasn't found on the cluster.");
  });
});

// The KubeVirt backend's pure parts: the VirtualMachine / VirtualMachineInstance as the panel reads
// them, the manifest edit (runStrategy, comments kept), the card state and the session's next step
// from what the cluster shows, and the pre-flight rules on the cluster. Unit-tested.
import { isMap, parseDocument } from 'yaml';
import type { Role } from '../roles';
import type { GamingConfig, KubevirtConfig } from './config';
import { sharedChecks } from './preflight';
import type { CardState, PreflightCheck, PreflightResult, SessionState } from './types';
import { msg, type Message } from '../i18n/message';
import { minutesMsg } from './words';

export type RunStrategy = 'Always' | 'Halted';

export interface KubevirtVm {
  namespace: string;
  name: string;
  /** spec.runStrategy (the legacy `running: true|false` read as Always/Halted). */
  runStrategy: string | null;
  /** status.printableStatus: Stopped, Starting, Running, Stopping, ErrorUnschedulable, … */
  printableStatus: string | null;
  ready: boolean;
  /** Guest memory the template asks for, in bytes (null when not stated). */
  memoryBytes: number | null;
  /** Host devices (GPUs) the template passes through, by deviceName. */
  gpus: string[];
}

export interface KubevirtVmi {
  namespace: string;
  name: string;
  /** Pending, Scheduling, Scheduled, Running, Succeeded, Failed, Unknown. */
  phase: string;
  agentConnected: boolean;
  /** The scheduler's reason while it cannot place the VMI, and since when. */
  unschedulable: { message: string; since: Date | null } | null;
  nodeName: string | null;
  gpus: string[];
  /** Set when the VMI is being deleted. */
  deleting: boolean;
}

const UNITS: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 };

/** A Kubernetes memory quantity ("32Gi", "34359738368", "32G") in bytes; null when unreadable. */
export function quantityBytes(q: unknown): number | null {
  if (typeof q === 'number') return q;
  if (typeof q !== 'string') return null;
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(q.trim());
  return m ? Math.round(Number(m[1]) * UNITS[m[2] ?? '']) : null;
}

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function gpusOf(domainSpec: Raw): string[] {
  const devices = obj(obj(domainSpec.domain).devices);
  return [...arr(devices.gpus), ...arr(devices.hostDevices)].map((g) => str(obj(g).deviceName)).filter((x): x is string => !!x);
}

export function reshapeVm(raw: unknown): KubevirtVm {
  const o = obj(raw);
  const meta = obj(o.metadata);
  const spec = obj(o.spec);
  const status = obj(o.status);
  const tspec = obj(obj(spec.template).spec);
  const domain = obj(tspec.domain);
  const running = typeof spec.running === 'boolean' ? (spec.running ? 'Always' : 'Halted') : null;
  return {
    namespace: str(meta.namespace) ?? '',
    name: str(meta.name) ?? '',
    runStrategy: str(spec.runStrategy) ?? running,
    printableStatus: str(status.printableStatus),
    ready: status.ready === true,
    memoryBytes: quantityBytes(obj(domain.memory).guest) ?? quantityBytes(obj(obj(domain.resources).requests).memory),
    gpus: gpusOf(tspec),
  };
}

export function reshapeVmi(raw: unknown): KubevirtVmi {
  const o = obj(raw);
  const meta = obj(o.metadata);
  const status = obj(o.status);
  const conditions = arr(status.conditions).map(obj);
  const agent = conditions.find((c) => c.type === 'AgentConnected');
  const sched = conditions.find((c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable');
  const since = str(sched?.lastTransitionTime);
  return {
    namespace: str(meta.namespace) ?? '',
    name: str(meta.name) ?? '',
    phase: str(status.phase) ?? 'Unknown',
    agentConnected: agent?.status === 'True',
    unschedulable: sched ? { message: str(sched.message) ?? 'the scheduler cannot place it', since: since ? new Date(since) : null } : null,
    nodeName: str(status.nodeName),
    gpus: gpusOf(obj(o.spec)),
    deleting: !!meta.deletionTimestamp,
  };
}

/** The VMI holds (or is about to hold) the node's resources. */
export function vmiActive(vmi: KubevirtVmi | null): boolean {
  return !!vmi && !vmi.deleting && ['Pending', 'Scheduling', 'Scheduled', 'Running', 'Unknown'].includes(vmi.phase);
}

export class ManifestError extends Error {}

/**
 * Sets `spec.runStrategy` in a VirtualMachine manifest, keeping comments and layout (a legacy
 * `spec.running` is replaced). `changed: false` when it already says so. Throws ManifestError when
 * the text is not a single VirtualMachine.
 */
export function setRunStrategy(text: string, strategy: RunStrategy): { text: string; changed: boolean } {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new ManifestError(`it does not parse (${doc.errors[0].message.split('\n')[0]})`);
  const root = doc.contents;
  if (!isMap(root) || doc.get('kind') !== 'VirtualMachine') throw new ManifestError('it is not a KubeVirt VirtualMachine');
  const spec = root.get('spec', true);
  if (!isMap(spec)) throw new ManifestError('it has no spec');
  const current = spec.get('runStrategy');
  const legacy = spec.get('running');
  if (current === strategy && legacy === undefined) return { text, changed: false };
  // `running` and `runStrategy` are mutually exclusive: the legacy field goes.
  if (legacy !== undefined) spec.delete('running');
  spec.set('runStrategy', strategy);
  return { text: doc.toString(), changed: true };
}

/** The manifest's runStrategy, or null when it cannot be read. */
export function manifestRunStrategy(text: string): string | null {
  try {
    return reshapeVm(parseDocument(text).toJS()).runStrategy;
  } catch {
    return null;
  }
}

/** What the card shows, from the session and the cluster (cf. cardState for Proxmox). */
export interface KubevirtCardFacts {
  /** The cluster answered. */
  reachable: boolean;
  vm: KubevirtVm | null;
  vmi: KubevirtVmi | null;
  /** The guest agent (or the readiness port) answered. */
  guestUp: boolean;
  session: { state: SessionState } | null;
  lastEnded: { endReason: string | null; endedAt: Date } | null;
  now: Date;
}

export const FAILURE_SHOWN_MS = 30 * 60_000;

export function kubevirtCardState(f: KubevirtCardFacts): CardState {
  const s = f.session?.state;
  if (s && s !== 'ended') return s;
  if (!f.reachable || !f.vm) return 'unreachable';
  // Started or stopped outside the panel (a commit, virtctl): the card still tells the truth.
  if (f.vmi && f.vmi.phase !== 'Failed' && (f.vmi.deleting || f.vmi.phase === 'Succeeded' || f.vm.printableStatus === 'Stopping')) return 'stopping';
  if (f.vmi?.phase === 'Running') return f.guestUp ? 'ready' : 'booting';
  if (vmiActive(f.vmi)) return 'starting';
  const failed = f.lastEnded?.endReason === 'failed' && f.now.getTime() - f.lastEnded.endedAt.getTime() < FAILURE_SHOWN_MS;
  return failed ? 'failed' : 'off';
}

/** The line under "Starting": where the start is. */
export function startingDetail(committed: boolean, vmi: KubevirtVmi | null): Message {
  if (!committed) return msg('srv.kv.writing');
  if (!vmi || vmi.phase === 'Succeeded' || vmi.phase === 'Failed') return msg('srv.kv.waitArgo');
  if (vmi.unschedulable) return msg('srv.kv.waitRoom', { why: vmi.unschedulable.message });
  if (vmi.phase === 'Pending' || vmi.phase === 'Scheduling') return msg('srv.kv.findingNode');
  return msg('srv.kv.startingVm');
}

export type KubevirtStep =
  | { kind: 'wait' }
  | { kind: 'booting' }
  | { kind: 'ready' }
  | { kind: 'ended'; reason: 'external' | null }
  /** `halt`: write runStrategy Halted so the VM does not come up later on its own. */
  | { kind: 'fail'; message: Message; halt: boolean }
  /** The stop was committed but the VMI still runs after `stopSeconds`: back to where it was, said and audited. */
  | { kind: 'stopStalled'; message: Message };

export interface KubevirtStepFacts {
  state: SessionState;
  /** The start commit is made (or the manifest already said Always). */
  committed: boolean;
  vmi: KubevirtVmi | null;
  guestUp: boolean;
  startedAt: Date;
  /** When the stop was asked for (state `stopping`). */
  stopRequestedAt?: Date | null;
  now: Date;
  timeouts: KubevirtConfig['timeouts'];
}

/** The session's next step from what the cluster shows (cf. advance() for Proxmox). */
export function kubevirtStep(f: KubevirtStepFacts): KubevirtStep {
  const age = (f.now.getTime() - f.startedAt.getTime()) / 1000;
  const t = f.timeouts;
  const vmi = f.vmi && !f.vmi.deleting ? f.vmi : null;
  switch (f.state) {
    case 'starting': {
      if (!f.committed) return age > t.startSeconds ? { kind: 'fail', message: msg('srv.kv.neverWritten'), halt: false } : { kind: 'wait' };
      if (vmi?.phase === 'Failed') return { kind: 'fail', message: msg('srv.kv.vmiFailed'), halt: true };
      if (vmi?.phase === 'Running') return { kind: 'booting' };
      const u = vmi?.unschedulable;
      if (u && (f.now.getTime() - (u.since ?? f.startedAt).getTime()) / 1000 > t.unschedulableSeconds) {
        return { kind: 'fail', message: msg('srv.kv.noRoom', { why: u.message.replace(/\.$/, '') }), halt: true };
      }
      if (age > t.startSeconds) {
        return { kind: 'fail', message: msg(vmi ? 'srv.kv.notRunningLate' : 'srv.kv.argoLate', { time: minutesMsg(t.startSeconds) }), halt: true };
      }
      return { kind: 'wait' };
    }
    case 'booting':
      if (!vmi || vmi.phase === 'Succeeded' || vmi.phase === 'Failed') return { kind: 'fail', message: msg('srv.cantStart.vmStopped'), halt: true };
      if (vmi.phase === 'Running' && f.guestUp) return { kind: 'ready' };
      if (age > t.startSeconds + t.bootSeconds) return { kind: 'fail', message: msg('srv.cantStart.boot', { time: minutesMsg(t.bootSeconds) }), halt: true };
      return { kind: 'wait' };
    case 'ready':
      return !vmi || vmi.phase !== 'Running' ? { kind: 'ended', reason: 'external' } : { kind: 'wait' };
    case 'stopping': {
      if (!vmi || vmi.phase === 'Succeeded' || vmi.phase === 'Failed') return { kind: 'ended', reason: null };
      const asked = f.stopRequestedAt ?? f.startedAt;
      if ((f.now.getTime() - asked.getTime()) / 1000 > t.stopSeconds) return { kind: 'stopStalled', message: msg('srv.kv.stopLate', { time: minutesMsg(t.stopSeconds) }) };
      return { kind: 'wait' };
    }
    default:
      return { kind: 'wait' };
  }
}

export interface KubevirtPreflightFacts {
  role: Role;
  now: Date;
  cfg: GamingConfig;
  vm: KubevirtVm | null;
  /** Every other active VMI of the cluster (for the GPU check). */
  others: KubevirtVmi[];
  promotionInFlight: boolean;
  weeklyMinutesUsed: number;
}

/**
 * The pre-flight rules on a cluster. Permission, promotion, maintenance, quiet hours and the weekly
 * allowance are the Proxmox rules. The GPU is "in use" when another running VMI passes the same
 * device through. Memory is the scheduler's call: the check states what the VM asks for, and a VMI
 * the scheduler cannot place fails the start with the scheduler's reason (unschedulableSeconds).
 */
export function evaluateKubevirtPreflight(f: KubevirtPreflightFacts): PreflightResult {
  const checks: PreflightCheck[] = [{ id: 'permission', ok: true, message: msg('srv.permission') }];
  if (!f.vm) {
    checks.push({ id: 'memory', ok: false, message: msg('srv.kv.vmMissing') });
  } else {
    const mine = new Set(f.vm.gpus);
    const holder = f.others.find((v) => vmiActive(v) && !(v.namespace === f.vm!.namespace && v.name === f.vm!.name) && v.gpus.some((g) => mine.has(g)));
    checks.push(holder ? { id: 'gpu', ok: false, message: msg('srv.gpu.busy', { vm: holder.name }) } : { id: 'gpu', ok: true, message: msg('srv.gpu.free') });
    checks.push({ id: 'memory', ok: true, message: f.vm.memoryBytes ? msg('srv.kv.memory', { need: { bytes: f.vm.memoryBytes } }) : msg('srv.kv.memoryUnknown') });
  }
  checks.push(...sharedChecks(f));
  const refused = checks.find((c) => !c.ok);
  return { ok: !refused, checks, refusal: refused?.message ?? null, note: null, stopDev: false, devVmids: [], ask: false };
}

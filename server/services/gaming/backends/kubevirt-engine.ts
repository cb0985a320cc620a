import 'server-only';
import { kubevirtStep, ManifestError, setRunStrategy, vmiActive, type KubevirtPreflightFacts, type KubevirtVm, type KubevirtVmi, type RunStrategy } from '@/lib/gaming/kubevirt';
import { msg } from '@/lib/i18n/message';
import type { Role } from '@/lib/roles';
import { commitFiles, findCommitWith, readFileAt } from '../../../clients/github';
import { AppError, ConflictError, UpstreamError } from '../../../errors';
import { log } from '../../../log';
import { recordAudit } from '../../audit/internal/record-audit';
import type { GamingCtx } from '../internal/ctx';
import { announceReady, changed, failSession } from '../internal/outcome';
import { english } from '../internal/say';
import { transition, weeklyMinutes, type SessionRow } from '../internal/sessions';

// The KubeVirt backend: the gaming VM is a VirtualMachine on a cluster, deployed by Argo CD from the
// GitOps repository. Start and stop are a commit of the manifest's `spec.runStrategy` (Always /
// Halted) through the promotions' commit mechanism: optimistic on the file's blob sha, re-read and
// re-applied when someone else changed it meanwhile, never forced. The session rows, leases and
// pre-flight are the Proxmox backend's; only the winner of a conditional transition commits.

/** Sessions of the KubeVirt VM share one `vmid` (the partial unique index keeps one active). */
export const KUBEVIRT_VMID = 0;
const MAX_ATTEMPTS = 3;
const SYSTEM = { actor: 'system:gaming', actorName: 'Panel', role: 'none' as const };

export interface KvSeen {
  vm: KubevirtVm | null;
  vmi: KubevirtVmi | null;
}

/** The audit target: `vm/<namespace>/<name>`. */
export const kvTarget = (ctx: GamingCtx) => `vm/${ctx.gaming().kubevirt.namespace}/${ctx.gaming().kubevirt.vm}`;
export const isCommitted = (row: Pick<SessionRow, 'startUpid'>) => !!row.startUpid?.startsWith('commit:');

export async function kvObserve(ctx: GamingCtx): Promise<KvSeen> {
  const api = ctx.kubevirt();
  const [vm, vmi] = await Promise.all([api.vm(), api.vmi()]);
  return { vm, vmi };
}

/** The guest agent connected (or, with `readiness`, the TCP port answers) on a running VMI. */
export async function kvGuestUp(ctx: GamingCtx, vmi: KubevirtVmi | null): Promise<boolean> {
  if (!vmi || vmi.phase !== 'Running' || vmi.deleting) return false;
  const r = ctx.gaming().readiness;
  return r ? ctx.probe(r.host, r.port).catch(() => false) : vmi.agentConnected;
}

/**
 * Writes `runStrategy` into the VM's manifest. `sha: null` when the manifest already said so. The
 * `trailer` (e.g. "Gaming-Start: <session>") finds a commit whose answer was lost (a timeout).
 */
export async function commitRunStrategy(ctx: GamingCtx, strategy: RunStrategy, o: { by: string; trailer: string; since: Date }): Promise<{ sha: string | null }> {
  const gh = ctx.github();
  const k = ctx.gaming().kubevirt;
  const message = `gaming: ${strategy === 'Always' ? 'start' : 'stop'} ${k.namespace}/${k.vm} (runStrategy: ${strategy})\n\nRequested-by: ${o.by}\n${o.trailer}`;
  try {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const file = await readFileAt(gh, k.manifestPath);
      if (!file) throw new ConflictError(`The gaming VM's manifest ${k.manifestPath} is not in the GitOps repository.`);
      let next;
      try {
        next = setRunStrategy(file.content, strategy);
      } catch (e) {
        if (e instanceof ManifestError) throw new ConflictError(`The gaming VM's manifest ${k.manifestPath} can't be changed: ${e.message}.`);
        throw e;
      }
      if (!next.changed) return { sha: null };
      const r = await commitFiles(gh, { message, files: [{ path: k.manifestPath, content: next.text, expectedSha: file.sha }] });
      if (r.kind === 'committed') return { sha: r.sha };
      // The manifest changed between the read and the write: read it again and re-apply the one field.
    }
    throw new UpstreamError('github', 409, `The gaming VM's manifest kept changing on GitHub; nothing was committed.`);
  } catch (e) {
    if (e instanceof ConflictError) throw e;
    const found = await findCommitWith(gh, o.trailer, { since: o.since }).catch(() => null);
    if (found) return { sha: found.sha };
    if (e instanceof AppError) throw e;
    throw new UpstreamError('github', undefined, `GitHub could not take the change: ${(e as Error).message}`);
  }
}

/** Claims the one start commit of this session and makes it. */
export async function kvClaimAndStart(ctx: GamingCtx, row: SessionRow): Promise<void> {
  const db = await ctx.db();
  if (!(await transition(db, row.id, ['starting'], { startUpid: 'pending' }, { startUpid: null }))) return;
  try {
    const r = await commitRunStrategy(ctx, 'Always', { by: row.startedByName, trailer: `Gaming-Start: ${row.id}`, since: row.startedAt });
    if (await transition(db, row.id, ['starting'], { startUpid: `commit:${r.sha ?? 'none'}` })) await changed(ctx);
  } catch (e) {
    const err = e instanceof AppError ? e : new UpstreamError('github', undefined, (e as Error).message);
    const failure = msg('srv.kv.gitops', { why: err.message.replace(/\.$/, '') });
    await failSession(ctx, kvTarget(ctx), row, failure, { github: err.message });
    throw err.msg ? err : err.withMsg(failure); // the tap's answer says it in the page's language too
  }
}

/** Stop = a commit of runStrategy Halted; KubeVirt shuts the guest down (ACPI, then forced after its grace period). */
export async function kvRequestShutdown(ctx: GamingCtx, row: SessionRow, by: string): Promise<{ sha: string | null }> {
  return commitRunStrategy(ctx, 'Halted', { by, trailer: `Gaming-Stop: ${row.id}`, since: row.startedAt });
}

/** One step of the session from what the cluster shows (the pure rules in lib/gaming/kubevirt.ts). */
export async function kvAdvance(ctx: GamingCtx, row: SessionRow, seen?: KvSeen): Promise<void> {
  const db = await ctx.db();
  const { vmi } = seen ?? (await kvObserve(ctx));
  const now = ctx.now();
  const step = kubevirtStep({ state: row.state, committed: isCommitted(row), vmi, guestUp: await kvGuestUp(ctx, vmi), startedAt: row.startedAt, stopRequestedAt: row.stopRequestedAt, now, timeouts: ctx.gaming().kubevirt.timeouts });
  switch (step.kind) {
    case 'booting':
      if (await transition(db, row.id, ['starting'], { state: 'booting' })) await changed(ctx);
      return;
    case 'ready':
      if (await transition(db, row.id, ['booting'], { state: 'ready', readyAt: now, activityAt: now })) {
        await changed(ctx);
        await announceReady(ctx, row);
      }
      return;
    case 'ended':
      if (await transition(db, row.id, [row.state], { state: 'ended', endedAt: now, ...(step.reason ? { endReason: step.reason } : {}) })) await changed(ctx);
      return;
    case 'fail':
      // Don't leave runStrategy Always behind a failed start: the VM would come up on its own later.
      if ((await failSession(ctx, kvTarget(ctx), row, step.message)) && step.halt) {
        const audit = { ...SYSTEM, action: 'gaming.stop', target: kvTarget(ctx) };
        await kvRequestShutdown(ctx, row, 'the panel (failed start)').then(
          (r) => recordAudit(db, { ...audit, outcome: 'ok', details: { session: row.id, reason: 'failed start', commit: r.sha } }),
          (e) => {
            log.warn({ session: row.id, err: (e as Error).message }, 'gaming: could not write runStrategy Halted after a failed start');
            return recordAudit(db, { ...audit, outcome: 'failed', details: { session: row.id, reason: 'failed start', error: (e as Error).message } });
          },
        );
      }
      return;
    case 'stopStalled':
      // The Halted commit is in Git, but the VM still runs: say so and let Stop be tapped again.
      if (await transition(db, row.id, ['stopping'], { state: 'ready', stopRequestedAt: null, stoppedBy: null, stoppedByName: null, endReason: null })) {
        await recordAudit(db, { ...SYSTEM, action: 'gaming.stop', target: kvTarget(ctx), outcome: 'failed', details: { session: row.id, reason: english(ctx, step.message) } });
        await changed(ctx);
      }
      return;
    default:
      return;
  }
}

/** What the KubeVirt pre-flight needs: the VM, the cluster's other VMIs, promotions and the allowance. */
export async function kvGatherFacts(ctx: GamingCtx, actor: { subject: string; role: Role }): Promise<KubevirtPreflightFacts & KvSeen> {
  const db = await ctx.db();
  const cfg = ctx.gaming();
  const now = ctx.now();
  const api = ctx.kubevirt();
  const [vm, vmi, vmis, promotionInFlight, weeklyMinutesUsed] = await Promise.all([
    api.vm(),
    api.vmi(),
    api.vmis(),
    ctx.promotionInFlight(db),
    cfg.weeklyHoursPerPerson ? weeklyMinutes(db, actor.subject, now) : Promise.resolve(0),
  ]);
  const others = vmis.filter((v) => vmiActive(v) && !(v.namespace === cfg.kubevirt.namespace && v.name === cfg.kubevirt.vm));
  return { role: actor.role, now, cfg, vm, vmi, others, promotionInFlight, weeklyMinutesUsed };
}

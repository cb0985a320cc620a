import 'server-only';
import type { PreflightResult, GamingStateDto } from '@/lib/gaming/types';
import type { Actor } from '../../../context';
import type { Config } from '../../../env';
import type { GamingCtx } from '../internal/ctx';
import type { SessionRow } from '../internal/sessions';

// What runs the gaming VM. The verbs (start/stop/extend/get), the jobs (monitor, leases) and the
// session rows are the same for every backend; only what touches the machine lives behind this.
// A new backend is one file here, its config, its simulator part and its tests (docs/development.md).

export type AuditFn = (a: { target?: string; outcome: 'ok' | 'failed' | 'denied'; details: Record<string, unknown> }) => Promise<void>;

/** What a start needs to open the session: read-only facts, the pre-flight's verdict, the row's first values. */
export interface StartPlan {
  vmid: number;
  /** The VM already runs (started outside the panel): the session adopts it, no start is made. */
  adopt: boolean;
  /** null when adopting (nothing to check). */
  preflight: PreflightResult | null;
  session: { state: 'starting' | 'booting'; startUpid: string | null; stopDev: boolean };
  /** Extra audit details of the successful start. */
  details: Record<string, unknown>;
  /** Backend-specific facts `begin` needs (e.g. the DEV VMs to shut down). */
  carry?: unknown;
}

export interface GamingBackend {
  readonly name: 'proxmox' | 'kubevirt';
  /** The configuration this backend needs is there (its background jobs start only then). */
  configured(cfg: Config): boolean;
  /** The audit target of the VM: `vm/<vmid>` or `vm/<namespace>/<name>`. */
  target(ctx: GamingCtx, row?: Pick<SessionRow, 'vmid'>): string;
  /** The card, never failing because of the upstream (an outage becomes its notice). */
  card(ctx: GamingCtx, actor: Actor): Promise<GamingStateDto>;
  /** Reads only: the pre-flight and how the session starts. Upstream failures throw. */
  plan(ctx: GamingCtx, actor: Actor, opts?: { allowed?: boolean }): Promise<StartPlan>;
  /** The one start effect of the session that won the insert (not called when adopting). */
  begin(ctx: GamingCtx, row: SessionRow, plan: StartPlan): Promise<void>;
  /** Start again during Stopping, in the same session (its lease kept); false when this backend can't. */
  resume?(ctx: GamingCtx, row: SessionRow): Promise<boolean>;
  /** The one stop effect of a tap on Stop (cancel, shutdown or commit); audits its own outcome. */
  stop(ctx: GamingCtx, actor: Actor, row: SessionRow, audit: AuditFn): Promise<void>;
  /** The VM runs without an active session: the vmid and start marker to adopt it with, else null. */
  unowned(ctx: GamingCtx): Promise<{ vmid: number; startUpid: string | null } | null>;
  /** One step of a mid-way session from what the upstream shows (idempotent, conditional). */
  advance(ctx: GamingCtx, row: SessionRow): Promise<void>;
  /** Shut down for the lease job (time up, idle); audit details of the effect. Throws when nothing happened. */
  shutdown(ctx: GamingCtx, row: SessionRow, by: string): Promise<Record<string, unknown>>;
  /** A failed `shutdown` left the VM running as it was: the session goes back and the job retries. */
  readonly stopFailureReverts: boolean;
  /** Bytes the guest sent so far (idle detection), or undefined when the backend can't tell. */
  netoutBytes(ctx: GamingCtx, row: SessionRow): Promise<number | undefined>;
  /** The monitor's look: advance the active session, and what the card would show (for change detection). */
  look(ctx: GamingCtx): Promise<{ row: SessionRow | null; picture: unknown[]; state: string }>;
}

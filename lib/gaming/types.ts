// What the gaming card and the history page receive from the server (JSON-safe DTOs). Words travel as
// messages (code + params, lib/i18n/message.ts) that the page says in its language.
import type { Message } from '../i18n/message';

export type CardState = 'off' | 'starting' | 'booting' | 'ready' | 'stopping' | 'failed' | 'unreachable';
export type SessionState = 'starting' | 'booting' | 'ready' | 'stopping' | 'ended';
export type EndReason = 'stopped' | 'lease' | 'idle' | 'failed' | 'cancelled' | 'external';

export type CheckId = 'permission' | 'gpu' | 'memory' | 'promotion' | 'maintenance' | 'quiet-hours' | 'weekly';

export interface PreflightCheck {
  id: CheckId;
  ok: boolean;
  /** Plain words, for the person holding the phone. */
  message: Message;
}

export interface PreflightResult {
  ok: boolean;
  checks: PreflightCheck[];
  /** What starting will do besides starting (e.g. shut the DEV cluster down), or null. */
  note: Message | null;
  /** The first refusal, as one sentence. */
  refusal: Message | null;
  stopDev: boolean;
  devVmids: number[];
  /** The refusal is only the admin's to lift (a hold on DEV, or the refuse policy): offer "Ask Paul". */
  ask: boolean;
}

export interface GamingSessionDto {
  id: string;
  state: SessionState;
  startedByName: string;
  /** The caller started it. */
  mine: boolean;
  startedAt: string;
  readyAt: string | null;
  leaseEndsAt: string;
  endedAt: string | null;
  endReason: EndReason | null;
  failure: Message | null;
  stoppedByName: string | null;
  durationMinutes: number | null;
  stopDev: boolean;
  /** Found running without a session and adopted (who is "Proxmox" when unknown). */
  adopted?: boolean;
}

export interface GamingStateDto {
  state: CardState;
  /** "Ready to play", "Booting Windows", … */
  label: Message;
  /** One line under the label: who and when, or why it can't start. */
  detail: Message | null;
  session: GamingSessionDto | null;
  /** Shown when the lease ends within the warning window. */
  leaseWarning: Message | null;
  /** Pre-flight preview while the VM is off (what a tap would do or why it would be refused). */
  preflight: Pick<PreflightResult, 'ok' | 'checks' | 'note' | 'refusal' | 'ask'> | null;
  /**
   * start: offered (also during Stopping: "start again" keeps the session and its lease);
   * stopConfirm: the session is someone else's, so Stop asks first; ask: "Ask Paul" may be sent.
   */
  can: { start: boolean; stop: boolean; extend: boolean; stopConfirm?: boolean; ask?: boolean };
  /** normal (DEV off), testing (DEV on), gaming (the gaming VM on): architecture §8. Null when Proxmox can't be asked. */
  mode?: 'normal' | 'testing' | 'gaming' | null;
  /** The admin's hold on DEV while active. */
  hold?: { until: string; byName: string } | null;
  /** The viewer's own pending "Ask Paul" request (family), or every pending request (the admin, who may allow them). */
  requests?: GamingRequestDto[];
  /** Who the family asks ("Ask Paul"): `gaming.adminName`. */
  adminName?: string;
  /** The viewer may hold DEV and allow requests (`dev:power`): the card shows those controls. */
  viewerIsAdmin?: boolean;
  /** Something the card must say besides the state (e.g. the homelab server can't be reached). */
  notice: Message | null;
  at: string;
}

export interface GamingRequestDto {
  id: string;
  byName: string;
  mine: boolean;
  at: string;
}

export interface GamingHistoryDto {
  sessions: GamingSessionDto[];
  all: boolean;
}

export interface DevPowerDto {
  vms: { vmid: number; name: string; running: boolean; memoryGiB: number }[];
  notice: Message | null;
}

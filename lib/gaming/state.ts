// Proxmox facts + the session row → what the card shows. Pure, so the mapping is unit-tested.
import type { CardState, SessionState } from './types';

export interface CardFacts {
  /** Proxmox answered. */
  reachable: boolean;
  /** The VM is running (null when Proxmox couldn't be asked). */
  running: boolean | null;
  /** The guest agent (or readiness port) answered; null when not asked. */
  guestUp: boolean | null;
  session: { state: SessionState } | null;
  /** The last ended session, to show "Can't start" for a while after a failure. */
  lastEnded: { endReason: string | null; endedAt: Date } | null;
  now: Date;
}

/** How long a failed start stays on the card before it goes back to "Off". */
export const FAILURE_SHOWN_MS = 30 * 60_000;

export function cardState(f: CardFacts): CardState {
  const s = f.session?.state;
  if (s && s !== 'ended') return s;
  if (!f.reachable || f.running === null) return 'unreachable';
  // Started outside the panel (Proxmox UI, onboot): the card still tells the truth.
  if (f.running) return f.guestUp ? 'ready' : 'booting';
  const failed = f.lastEnded?.endReason === 'failed' && f.now.getTime() - f.lastEnded.endedAt.getTime() < FAILURE_SHOWN_MS;
  return failed ? 'failed' : 'off';
}

// Plain words for the card as messages (lib/i18n/message.ts): state labels, durations, and Proxmox's
// error texts translated into a reason.
import { msg, type Message, type MessageCode } from '../i18n/message';
import { renderEn, renderEnClause } from '../i18n/render-en';
import type { CardState } from './types';

export const GiB = 1024 ** 3;

/** The card's state in words: `gaming.state.<state>` of the catalogue. */
export const stateLabel = (state: CardState): Message => msg(`gaming.state.${state}`);

// English sentences for server/clients/proxmox/errors.ts, from the catalogue.
export const UNREACHABLE = renderEn(msg('srv.unreachable'));
export const FORBIDDEN_TOKEN = renderEn(msg('srv.tokenRefused'));

const RULES: [RegExp, MessageCode][] = [
  [/permission check failed|\b403\b/i, 'srv.reason.token'],
  [/already running/i, 'srv.reason.alreadyRunning'],
  [/not running/i, 'srv.reason.notRunning'],
  [/(can't|cannot|unable to) lock|is locked|got timeout.*lock|lock.*timeout/i, 'srv.reason.locked'],
  [/vfio|iommu|hostpci|pci device|device or resource busy/i, 'srv.reason.gpu'],
  [/cannot allocate memory|out of memory|\boom\b|not enough memory/i, 'srv.reason.memory'],
  [/configuration file .* does not exist|no such vm/i, 'srv.reason.noVm'],
  [/timeout|timed out/i, 'srv.reason.timeout'],
];

/** Proxmox's task exit status or error text → a short clause in plain words (a message, lower-case). */
export function proxmoxReasonMsg(text: string): Message {
  const clean = text.replace(/^TASK ERROR:\s*/i, '').trim();
  for (const [re, code] of RULES) if (re.test(clean)) return msg(code);
  return msg('srv.reason.other', { text: clean.slice(0, 160) });
}

/** The same clause in English (server/clients/proxmox/errors.ts builds its error text from it). */
export function proxmoxReason(text: string): string {
  return renderEnClause(proxmoxReasonMsg(text));
}

/** What a failed Proxmox call means, as a clause ("Can't start: {reason}."). */
export function proxmoxErrorClause(e: { status: number | undefined; reason: string }): Message {
  if (e.status === undefined) return msg('srv.reason.unreachable');
  if (e.status === 401 || e.status === 403) return msg('srv.reason.token');
  return proxmoxReasonMsg(e.reason);
}

/** The same as a sentence, for the card's notice and error bodies. */
export function proxmoxErrorMsg(e: { status: number | undefined; reason: string }): Message {
  if (e.status === undefined) return msg('srv.unreachable');
  if (e.status === 401 || e.status === 403) return msg('srv.tokenRefused');
  return msg('srv.sentence', { clause: proxmoxReasonMsg(e.reason) });
}

/** "10 minutes", "1 minute" (at least one). */
export function minutesMsg(seconds: number): Message {
  const n = Math.max(1, Math.round(seconds / 60));
  return n === 1 ? msg('srv.minute') : msg('srv.minutes', { n });
}

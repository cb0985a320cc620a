// API-token authentication and per-path privileges, as Proxmox VE's ACLs work (privileges granted
// on a path propagate to everything below it), so least-privilege tokens can be tested.
import type { IncomingMessage } from 'node:http';

export interface PveToken {
  /** USER@REALM!TOKENID */
  id: string;
  secret: string;
  /** ACL path → privileges, e.g. { '/vms/300': ['VM.PowerMgmt'] }. */
  privs: Record<string, string[]>;
}

export const DEFAULT_TOKEN_ID = 'panel@pve!panel';

/**
 * The panel's token: power management on DEV (101) and the gaming VM (300), audit on everything.
 * VM.Monitor is what Proxmox VE 8 checks for `agent/ping`, so it is granted with VM.PowerMgmt.
 */
export function defaultPrivileges(): Record<string, string[]> {
  return {
    '/vms': ['VM.Audit'],
    '/vms/101': ['VM.PowerMgmt', 'VM.Audit', 'VM.Monitor'],
    '/vms/300': ['VM.PowerMgmt', 'VM.Audit', 'VM.Monitor'],
    '/nodes/pve': ['Sys.Audit'],
  };
}

export type AuthResult = { ok: true; token: PveToken } | { ok: false; reason: string };

export function authenticate(req: IncomingMessage, tokens: PveToken[]): AuthResult {
  const h = req.headers.authorization;
  if (!h) return { ok: false, reason: 'No ticket' };
  const m = /^PVEAPIToken[= ](.+?)[=:](.+)$/.exec(h.trim());
  if (!m) return { ok: false, reason: 'No ticket' };
  const token = tokens.find((t) => t.id === m[1]);
  if (!token || token.secret !== m[2]) return { ok: false, reason: 'invalid token value!' };
  return { ok: true, token };
}

/** True when `priv` is granted on `path` or any parent path. */
export function hasPriv(token: PveToken, path: string, priv: string): boolean {
  let p = path;
  for (;;) {
    if (token.privs[p]?.includes(priv)) return true;
    if (p === '/') return false;
    const i = p.lastIndexOf('/');
    p = i <= 0 ? '/' : p.slice(0, i);
  }
}

/** `panel@pve!panel` → `panel@pve` (task lists show the user, the token id separately). */
export function userOf(tokenId: string): string {
  return tokenId.split('!')[0];
}

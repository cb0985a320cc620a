import 'server-only';
import { FORBIDDEN_TOKEN, UNREACHABLE, proxmoxReason } from '@/lib/gaming/words';
import { UpstreamError } from '../../errors';
import { tlsProblem } from '../../http/tls-fetch';
import { proxmoxCall } from './connect';

// proxmox-api throws plain Errors whose message carries the status line; this turns them into
// UpstreamErrors whose message is already plain words, keeping Proxmox's own text in `reason`.

export class ProxmoxError extends UpstreamError {
  constructor(
    status: number | undefined,
    message: string,
    /** Proxmox's own text (status reason), for logs, audit details and translation. */
    readonly reason: string,
  ) {
    super('proxmox', status, message);
    this.name = 'ProxmoxError';
  }
  get unreachable(): boolean {
    return this.status === undefined;
  }
}

export function toProxmoxError(e: unknown): ProxmoxError {
  if (e instanceof ProxmoxError) return e;
  const text = e instanceof Error ? e.message : String(e);
  // A refused TLS handshake is a configuration problem: say which (tls-fetch words it, naming the key).
  const tls = tlsProblem(e, 'proxmox', /https:\/\/[^/\s]+/.exec(text)?.[0]);
  if (tls) return new ProxmoxError(undefined, tls, tls);
  const m = /(?:return Error|failed with) (\d{3}) (.*?)(?:: \{|\s+return: |$)/s.exec(text);
  if (!m) return new ProxmoxError(undefined, UNREACHABLE, text.slice(0, 300));
  const status = Number(m[1]);
  const reason = m[2].trim();
  if (status === 401 || status === 403) return new ProxmoxError(status, FORBIDDEN_TOKEN, reason);
  const words = proxmoxReason(reason);
  return new ProxmoxError(status, `${words.charAt(0).toUpperCase()}${words.slice(1)}.`, reason);
}

/** One proxmox-api call: bounded as a whole (retries included), failures as ProxmoxError. */
export async function pve<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await proxmoxCall.run({ started: Date.now(), writes: 0 }, call);
  } catch (e) {
    throw toProxmoxError(e);
  }
}

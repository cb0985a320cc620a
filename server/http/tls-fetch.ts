import 'server-only';
import fs from 'node:fs';
import { Agent, fetch as undiciFetch } from 'undici';
import { log } from '../log';

// TLS to every upstream is verified. A CA file can be given per upstream (Proxmox's self-signed
// certificate is the common case); skipping verification is an explicit switch, warned about at start.

export interface TlsOptions {
  caFile?: string;
  insecureSkipVerify: boolean;
}

export function tlsConnectOptions(tls: TlsOptions): { ca?: string; rejectUnauthorized: boolean } {
  return {
    ca: tls.caFile ? fs.readFileSync(tls.caFile, 'utf8') : undefined,
    rejectUnauthorized: !tls.insecureSkipVerify,
  };
}

const cache = new Map<string, typeof fetch>();

/** A fetch that honours the upstream's TLS options (plain global fetch when there are none). */
export function fetchFor(tls: TlsOptions): typeof fetch {
  if (!tls.caFile && !tls.insecureSkipVerify) return fetch;
  const key = `${tls.caFile ?? ''}|${tls.insecureSkipVerify}`;
  let f = cache.get(key);
  if (!f) {
    const dispatcher = new Agent({ connect: tlsConnectOptions(tls) });
    f = ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
      undiciFetch(input as never, { ...(init as object), dispatcher } as never)) as unknown as typeof fetch;
    cache.set(key, f);
  }
  return f;
}

export function warnInsecure(upstreams: string[]) {
  for (const u of upstreams) log.warn({ upstream: u }, `TLS verification is DISABLED for ${u} (insecureSkipVerify); use tls.caFile instead`);
}

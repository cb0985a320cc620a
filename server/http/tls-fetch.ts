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

const UNTRUSTED = new Set(['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT', 'CERT_SIGNATURE_FAILURE']);

/** Where the CA of `upstream` is configured (homelab.yaml keys, docs/configuration.md). */
function caKey(upstream: string): string {
  const cluster = /^cluster (.+)$/.exec(upstream);
  if (cluster) return `the kubeconfig's certificate-authority-data (or clusters[${cluster[1]}].tls.caFile)`;
  return `${upstream === 'oidc' ? 'auth' : upstream}.tls.caFile`;
}

/**
 * A plain-words message for a failed TLS handshake with `upstream` (null when `e` is not one):
 * untrusted CA, a certificate for another host name, an expired certificate.
 */
export function tlsProblem(e: unknown, upstream: string, url?: string): string | null {
  for (let cur = e as { code?: unknown; message?: string; cause?: unknown; cert?: { subjectaltname?: string }; reason?: string } | undefined, depth = 0; cur && depth < 5; cur = cur.cause as typeof cur, depth++) {
    const code = typeof cur.code === 'string' ? cur.code : '';
    const at = url ? ` at ${new URL(url).origin}` : '';
    if (UNTRUSTED.has(code)) return `${upstream}: the TLS certificate${at} is not signed by a trusted CA (${code}); give that CA in ${caKey(upstream)}`;
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `${upstream}: the TLS certificate${at} is for another host name (${cur.reason ?? code}; it names ${cur.cert?.subjectaltname ?? 'other hosts'})`;
    if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return `${upstream}: the TLS certificate${at} is not valid now (${code})`;
  }
  return null;
}

/** An Error naming the upstream when `e` is a TLS failure, else `e` as it was. */
export function withTlsProblem(e: unknown, upstream: string, url?: string): unknown {
  const problem = tlsProblem(e, upstream, url);
  return problem ? Object.assign(new Error(problem, { cause: e }), { name: 'TlsError' }) : e;
}

const agents = new Map<string, Agent>();

/** A fetch that honours the upstream's TLS options; a failed handshake is an Error naming `upstream`. */
export function fetchFor(tls: TlsOptions, upstream = 'upstream'): typeof fetch {
  let base: typeof fetch = fetch;
  if (tls.caFile || tls.insecureSkipVerify) {
    const key = `${tls.caFile ?? ''}|${tls.insecureSkipVerify}`;
    let dispatcher = agents.get(key);
    if (!dispatcher) agents.set(key, (dispatcher = new Agent({ connect: tlsConnectOptions(tls) })));
    const d = dispatcher;
    base = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => undiciFetch(input as never, { ...(init as object), dispatcher: d } as never)) as unknown as typeof fetch;
  }
  return (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    try {
      return await base(input, init);
    } catch (e) {
      throw withTlsProblem(e, upstream, typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    }
  }) as typeof fetch;
}

export function warnInsecure(upstreams: string[]) {
  for (const u of upstreams) log.warn({ upstream: u }, `TLS verification is DISABLED for ${u} (insecureSkipVerify); use tls.caFile instead`);
}

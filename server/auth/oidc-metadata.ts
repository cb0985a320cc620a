import 'server-only';
import { z } from 'zod';
import { config } from '../env';
import { boundedFetch } from '../clients/upstream';
import { UpstreamError } from '../errors';
import { fetchFor } from '../http/tls-fetch';

// The issuer's discovery document (token and end-session endpoints), fetched once and cached.
const Metadata = z.object({
  issuer: z.string(),
  token_endpoint: z.string().url(),
  end_session_endpoint: z.string().url().optional(),
});
export type OidcMetadata = z.infer<typeof Metadata>;

/**
 * The issuer's fetch: its TLS options, bounded by `upstreams.timeoutMs`, counted as `oidc`; one per
 * configuration, so its breaker (a hung issuer: later calls fail at once) outlives a request.
 */
const oidcFetches = new WeakMap<object, typeof fetch>();
export function oidcFetch(tls: Parameters<typeof fetchFor>[0]): typeof fetch {
  const key = (tls ?? oidcFetches) as object;
  let f = oidcFetches.get(key);
  if (!f) oidcFetches.set(key, (f = boundedFetch(fetchFor(tls, 'oidc'), 'oidc')));
  return f;
}

let cached: { issuer: string; at: number; value: OidcMetadata } | undefined;
const TTL_MS = 10 * 60_000;

export async function oidcMetadata(): Promise<OidcMetadata> {
  const { issuer: configured, tls } = config().auth;
  const issuer = configured.replace(/\/$/, '');
  if (cached && cached.issuer === issuer && Date.now() - cached.at < TTL_MS) return cached.value;
  let res: Response;
  let body: unknown;
  try {
    res = await oidcFetch(tls)(`${issuer}/.well-known/openid-configuration`);
    body = res.ok ? await res.json() : null;
  } catch (e) {
    throw new UpstreamError('keycloak', undefined, `the sign-in service cannot be reached (${(e as Error).message})`);
  }
  if (!res.ok) throw new UpstreamError('keycloak', res.status, `the sign-in service answered ${res.status}`);
  const value = Metadata.parse(body);
  cached = { issuer, at: Date.now(), value };
  return value;
}

import 'server-only';
import { z } from 'zod';
import { config } from '../env';
import { UpstreamError } from '../errors';

// The issuer's discovery document (token and end-session endpoints), fetched once and cached.
const Metadata = z.object({
  issuer: z.string(),
  token_endpoint: z.string().url(),
  end_session_endpoint: z.string().url().optional(),
});
export type OidcMetadata = z.infer<typeof Metadata>;

let cached: { issuer: string; at: number; value: OidcMetadata } | undefined;
const TTL_MS = 10 * 60_000;

export async function oidcMetadata(): Promise<OidcMetadata> {
  const issuer = config().auth.issuer.replace(/\/$/, '');
  if (cached && cached.issuer === issuer && Date.now() - cached.at < TTL_MS) return cached.value;
  let res: Response;
  try {
    res = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5_000) });
  } catch (e) {
    throw new UpstreamError('keycloak', undefined, `the sign-in service cannot be reached (${(e as Error).message})`);
  }
  if (!res.ok) throw new UpstreamError('keycloak', res.status, `the sign-in service answered ${res.status}`);
  const value = Metadata.parse(await res.json());
  cached = { issuer, at: Date.now(), value };
  return value;
}

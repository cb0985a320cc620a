import 'server-only';
import { config } from '../env';
import { UpstreamError } from '../errors';
import { log } from '../log';
import { oidcFetch, oidcMetadata } from './oidc-metadata';

// Refreshes the Keycloak tokens before they expire, so a panel session outlives Keycloak's short
// access-token lifetime, and roles are re-read from the new ID token (a revoked role takes effect).

export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
  expiresAt: number; // epoch seconds
}

export function decodeJwtPayload(jwt: string): Record<string, unknown> {
  const part = jwt.split('.')[1];
  if (!part) return {};
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** New tokens, or null when the issuer refuses (sign in again); throws when it cannot be reached. */
export async function refreshTokens(refreshToken: string): Promise<TokenSet | null> {
  const { clientId, clientSecret, tls } = config().auth;
  const { token_endpoint } = await oidcMetadata();
  const res = await oidcFetch(tls)(token_endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
  });
  // 5xx: the service is in trouble, not refusing this session (thrown like a network failure or timeout).
  if (res.status >= 500) throw new UpstreamError('keycloak', res.status, `the sign-in service answered ${res.status}`);
  if (!res.ok) {
    log.warn({ status: res.status }, 'token refresh refused by the sign-in service');
    return null;
  }
  const body = (await res.json()) as { access_token: string; refresh_token?: string; id_token?: string; expires_in?: number };
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token ?? refreshToken,
    idToken: body.id_token,
    expiresAt: Math.floor(Date.now() / 1000) + (body.expires_in ?? 60),
  };
}

import 'server-only';
import { randomUUID } from 'node:crypto';
import NextAuth, { customFetch, type NextAuthConfig } from 'next-auth';
import Keycloak from 'next-auth/providers/keycloak';
import { mapRole, type KeycloakClaims, type Role } from '@/lib/roles';
import { config, exportAuthEnv } from '../env';
import { log } from '../log';
import { oidcFetch } from './oidc-metadata';
import { decodeJwtPayload, refreshTokens, type TokenSet } from './refresh';

// Auth.js with Keycloak (OIDC). Sessions are encrypted JWT cookies (no server state, so any replica
// can serve them); the Keycloak tokens stay inside the cookie and never reach browser JavaScript.

declare module 'next-auth' {
  interface Session {
    user: { subject: string; name: string; email: string | null; role: Role };
  }
}

interface PanelToken {
  sid?: string;
  sub?: string;
  name?: string | null;
  email?: string | null;
  role?: Role;
  accessToken?: string;
  refreshToken?: string;
  idToken?: string;
  expiresAt?: number;
}

const REFRESH_MARGIN_S = 10;
/** A session cookie's lifetime, and how long a session survives Keycloak being unreachable. */
const SESSION_MAX_AGE_S = 8 * 3600;
/** A primary-key lookup: far longer than this means the database is in trouble. */
const REVOCATION_CHECK_MS = 1_000;

// The proxy and the page render of one request may both see an expired token: one refresh serves both.
// An issuer that cannot be reached (down, hung, 5xx) keeps the session as it is, and the answer is
// remembered for 30 s, so an outage costs one bounded wait per 30 s rather than every request or a sign-out.
type Refreshed = TokenSet | null | 'unavailable';
const inflight = ((globalThis as { __panelRefresh?: Map<string, Promise<Refreshed>> }).__panelRefresh ??= new Map());

function refreshOnce(refreshToken: string): Promise<Refreshed> {
  let p = inflight.get(refreshToken);
  if (!p) {
    p = refreshTokens(refreshToken).catch((e) => {
      log.warn({ err: (e as Error).message }, 'token refresh failed: the sign-in service is unavailable; the session is kept');
      return 'unavailable' as const;
    });
    inflight.set(refreshToken, p);
    setTimeout(() => inflight.delete(refreshToken), 30_000).unref?.();
  }
  return p;
}

async function sessionRevoked(sid: string): Promise<boolean> {
  const [{ db }, { isRevoked }] = await Promise.all([import('../db'), import('./revocation')]);
  let timer: NodeJS.Timeout | undefined;
  try {
    const slow = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${REVOCATION_CHECK_MS} ms`)), REVOCATION_CHECK_MS);
    });
    return await Promise.race([(async () => isRevoked(await db(), sid))(), slow]);
  } catch (e) {
    // The database is away or hung: Auth.js would delete the cookie of whoever throws here, signing
    // everyone out, and every request would wait for the pool. Keep the session; nothing that changes
    // anything works without the database anyway.
    log.warn({ err: (e as Error).message }, 'session revocation check failed: the database is unavailable; the session is kept');
    return false;
  } finally {
    clearTimeout(timer);
  }
}

function roleFromClaims(claims: KeycloakClaims): Role {
  const a = config().auth;
  return mapRole(claims, a);
}

function authConfig(): NextAuthConfig {
  const cfg = config();
  exportAuthEnv(cfg);
  const keycloak = Keycloak({
    clientId: cfg.auth.clientId,
    clientSecret: cfg.auth.clientSecret,
    issuer: cfg.auth.issuer,
    authorization: { params: { scope: 'openid profile email' } },
    // Discovery, token and userinfo calls: bounded, so a hung issuer cannot hold a sign-in open.
    [customFetch]: oidcFetch(cfg.auth.tls),
  });
  return {
    providers: [keycloak],
    secret: cfg.auth.secret,
    trustHost: true,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: '/signin', error: '/signin' },
    logger: {
      error: (e) => log.error({ err: e.message, name: e.name }, 'auth error'),
      warn: (code) => log.warn({ code }, 'auth warning'),
      debug: () => undefined,
    },
    callbacks: {
      async jwt({ token, account, profile }) {
        const t = token as PanelToken;
        if (account && profile) {
          const role = roleFromClaims(profile as KeycloakClaims);
          const next: PanelToken = {
            sid: randomUUID(),
            sub: String(profile.sub ?? t.sub),
            name: (profile.name as string | undefined) ?? (profile.preferred_username as string | undefined) ?? t.name ?? 'Unknown',
            email: (profile.email as string | undefined) ?? null,
            role,
            accessToken: account.access_token,
            refreshToken: account.refresh_token,
            idToken: account.id_token,
            expiresAt: account.expires_at ?? Math.floor(Date.now() / 1000) + 60,
          };
          const { recordSignIn } = await import('../services/users/internal/record-sign-in');
          await recordSignIn({ subject: next.sub!, name: next.name!, email: next.email ?? null, username: (profile.preferred_username as string | undefined) ?? null, role });
          return next as typeof token;
        }
        if (t.sid && (await sessionRevoked(t.sid))) return null; // signed out: never comes back
        if (!t.expiresAt || Date.now() / 1000 < t.expiresAt - REFRESH_MARGIN_S) return token;
        if (!t.refreshToken) return null;
        const fresh = await refreshOnce(t.refreshToken);
        // Kept through an outage of the issuer, but not for ever: a role removed in Keycloak meanwhile
        // must end at the latest one session lifetime after the last good token.
        if (fresh === 'unavailable') return Date.now() / 1000 - t.expiresAt > SESSION_MAX_AGE_S ? null : token;
        if (!fresh) return null; // Keycloak session ended or revoked: sign in again
        const claims = fresh.idToken ? (decodeJwtPayload(fresh.idToken) as KeycloakClaims) : null;
        const role = claims ? roleFromClaims(claims) : t.role;
        if (role && t.role && role !== t.role && t.sub) {
          const { recordRoleChange } = await import('../services/users/internal/record-sign-in');
          await recordRoleChange({ subject: t.sub, name: t.name ?? 'Unknown', from: t.role, to: role }).catch((e) => log.warn({ err: (e as Error).message }, 'role change not recorded'));
        }
        return { ...t, ...fresh, role } as typeof token;
      },
      async session({ session, token }) {
        const t = token as PanelToken;
        // Only what the UI needs; no tokens.
        return {
          expires: session.expires,
          user: { subject: t.sub ?? '', name: t.name ?? 'Unknown', email: t.email ?? null, role: t.role ?? 'none' },
        } as typeof session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => authConfig());

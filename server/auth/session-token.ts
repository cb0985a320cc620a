import 'server-only';
import { getToken } from 'next-auth/jwt';
import { config } from '../env';

// The session cookie's name follows the configured public URL (Auth.js prefixes `__Secure-` on https),
// never a request header: behind a gateway that sends no X-Forwarded-Proto the name must still be right.

export function sessionCookieName(publicUrl = config().server.publicUrl): string {
  return publicUrl.startsWith('https:') ? '__Secure-authjs.session-token' : 'authjs.session-token';
}

export interface SessionToken {
  sid?: string;
  idToken?: string;
  /** When the session cookie itself expires (ms since the epoch). */
  expiresAtMs?: number;
}

/** The decoded session cookie of a request (null without a valid one). */
export async function readSessionToken(headers: Headers): Promise<SessionToken | null> {
  const cookieName = sessionCookieName();
  const token = await getToken({ req: { headers }, secret: config().auth.secret, secureCookie: cookieName.startsWith('__Secure-'), salt: cookieName, cookieName }).catch(() => null);
  if (!token) return null;
  return {
    sid: typeof token.sid === 'string' ? token.sid : undefined,
    idToken: typeof token.idToken === 'string' ? token.idToken : undefined,
    expiresAtMs: typeof token.exp === 'number' ? token.exp * 1000 : undefined,
  };
}

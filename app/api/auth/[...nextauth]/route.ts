// GET|POST /api/auth/* — Auth.js (sign-in with Keycloak, callback, session); callbacks are rate-limited per IP.
import type { NextRequest } from 'next/server';
import { handlers } from '@/server/auth/config';
import { jsonError, route } from '@/server/http/respond';
import { ValidationError } from '@/server/errors';
import { RateLimitedError } from '@/server/http/rate-limit';
import { limitSignIn } from '@/server/services/users/limit-sign-in';

/** Auth.js answers 500 to a callback URL it refuses (e.g. `javascript:`): a bad one is the caller's error. */
function badCallbackUrl(req: NextRequest): boolean {
  const v = req.nextUrl.searchParams.get('callbackUrl');
  if (v === null) return false;
  if (v.startsWith('/') && !v.startsWith('//')) return false;
  try {
    return new URL(v).origin !== req.nextUrl.origin;
  } catch {
    return true;
  }
}

async function guarded(req: NextRequest, handler: (r: NextRequest) => Promise<Response>) {
  if (badCallbackUrl(req)) return jsonError(new ValidationError('callbackUrl: expected a path of this panel'));
  if (req.nextUrl.pathname.startsWith('/api/auth/callback/')) {
    try {
      await limitSignIn();
    } catch (e) {
      const res = jsonError(e);
      if (e instanceof RateLimitedError) res.headers.set('Retry-After', String(e.retryAfterS));
      return res;
    }
  }
  return handler(req);
}

export const GET = route('GET /api/auth/[...nextauth]', (req: NextRequest) => guarded(req, handlers.GET));
export const POST = route('POST /api/auth/[...nextauth]', (req: NextRequest) => guarded(req, handlers.POST));

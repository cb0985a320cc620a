// GET|POST /api/auth/* — Auth.js (sign-in with Keycloak, callback, session); callbacks are rate-limited per IP.
import type { NextRequest } from 'next/server';
import { handlers } from '@/server/auth/config';
import { jsonError, route } from '@/server/http/respond';
import { RateLimitedError } from '@/server/http/rate-limit';
import { limitSignIn } from '@/server/services/users/limit-sign-in';

async function guarded(req: NextRequest, handler: (r: NextRequest) => Promise<Response>) {
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

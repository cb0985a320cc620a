// POST /api/sign-out — ends the panel session and the Keycloak session (RP-initiated logout).
import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { signOut } from '@/server/auth/config';
import { config } from '@/server/env';
import { jsonError, route } from '@/server/http/respond';
import { assertSameOrigin } from '@/server/http/origin';
import { endSession } from '@/server/services/users/end-session';

export const dynamic = 'force-dynamic';

export const POST = route('POST /api/sign-out', async (req: NextRequest) => {
  try {
    assertSameOrigin(req);
    const secure = req.nextUrl.protocol === 'https:';
    const cookieName = secure ? '__Secure-authjs.session-token' : 'authjs.session-token';
    const token = await getToken({ req, secret: config().auth.secret, secureCookie: secure, salt: cookieName, cookieName });
    const target = await endSession({
      idToken: typeof token?.idToken === 'string' ? token.idToken : undefined,
      sid: typeof token?.sid === 'string' ? token.sid : undefined,
    });
    await signOut({ redirect: false });
    return NextResponse.redirect(target, 303);
  } catch (e) {
    return jsonError(e);
  }
});

// POST /api/sign-out — ends the panel session and the Keycloak session (RP-initiated logout).
import { NextResponse, type NextRequest } from 'next/server';
import { signOut } from '@/server/auth/config';
import { readSessionToken } from '@/server/auth/session-token';
import { jsonError, route } from '@/server/http/respond';
import { assertSameOrigin } from '@/server/http/origin';
import { endSession } from '@/server/services/users/end-session';

export const dynamic = 'force-dynamic';

export const POST = route('POST /api/sign-out', async (req: NextRequest) => {
  try {
    assertSameOrigin(req);
    const token = await readSessionToken(req.headers);
    const target = await endSession({ idToken: token?.idToken, sid: token?.sid });
    await signOut({ redirect: false });
    return NextResponse.redirect(target, 303);
  } catch (e) {
    return jsonError(e);
  }
});

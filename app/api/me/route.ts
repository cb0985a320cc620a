// GET /api/me — who the caller is (401 JSON without a session). The header of every page asks it once
// per tab: the language the person reads the panel in is remembered here for their notifications.
import type { NextRequest } from 'next/server';
import { LOCALE_COOKIE, pickLocale } from '@/lib/i18n';
import { jsonRoute, route } from '@/server/http/respond';
import { getCurrentUser } from '@/server/services/users/get-current-user';
import { rememberLocale } from '@/server/services/users/remember-locale';

export const dynamic = 'force-dynamic';

export const GET = route('GET /api/me', (req: NextRequest) => {
  return jsonRoute(async () => {
    const me = await getCurrentUser();
    // Not awaited: the answer never waits on the database (a hung database must not hold the header's
    // name, nor count against reads served without it); a failure is logged by rememberLocale.
    if (me.role !== 'none') void rememberLocale(pickLocale(req.cookies.get(LOCALE_COOKIE)?.value, req.headers.get('accept-language'))).catch(() => undefined);
    return me;
  });
});

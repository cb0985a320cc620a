// POST /api/gaming/hold — {until} or {clear: true}: the admin's hold on DEV ("I'm testing until 21:00").
import type { NextRequest } from 'next/server';
import { mutationRoute } from '@/server/http/mutation';
import { route } from '@/server/http/respond';
import { setDevHold } from '@/server/services/dev-power/set-dev-hold';

export const dynamic = 'force-dynamic';

export const POST = route('POST /api/gaming/hold', (req: NextRequest) => {
  return mutationRoute(req, (body) => setDevHold(body));
});

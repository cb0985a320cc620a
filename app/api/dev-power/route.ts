// GET /api/dev-power — the DEV cluster's VMs and whether they run (admin).
// POST /api/dev-power — {action: "start"|"stop"} the DEV cluster's VMs, after the pre-flight (admin).
import type { NextRequest } from 'next/server';
import { mutationRoute } from '@/server/http/mutation';
import { jsonRoute, route } from '@/server/http/respond';
import { getDevPower } from '@/server/services/dev-power/get-dev-power';
import { setDevPower } from '@/server/services/dev-power/set-dev-power';

export const dynamic = 'force-dynamic';

export const GET = route('GET /api/dev-power', () => {
  return jsonRoute(() => getDevPower({}));
});

export const POST = route('POST /api/dev-power', (req: NextRequest) => {
  return mutationRoute(req, (body) => setDevPower(body));
});

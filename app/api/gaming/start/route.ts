// POST /api/gaming/start — start the gaming VM (pre-flight first; concurrent starts join one session).
import type { NextRequest } from 'next/server';
import { mutationRoute } from '@/server/http/mutation';
import { route } from '@/server/http/respond';
import { startGaming } from '@/server/services/gaming/start-gaming';

export const dynamic = 'force-dynamic';

export const POST = route('POST /api/gaming/start', (req: NextRequest) => {
  return mutationRoute(req, (body) => startGaming(body));
});

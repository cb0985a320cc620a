// POST /api/gaming/extend — add time to the current session within the configured limits.
import type { NextRequest } from 'next/server';
import { mutationRoute } from '@/server/http/mutation';
import { route } from '@/server/http/respond';
import { extendGaming } from '@/server/services/gaming/extend-gaming';

export const dynamic = 'force-dynamic';

export const POST = route('POST /api/gaming/extend', (req: NextRequest) => {
  return mutationRoute(req, (body) => extendGaming(body));
});

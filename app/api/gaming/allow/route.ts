// POST /api/gaming/allow — {request}: the admin lets the person who asked play (ends his hold, starts the game for them).
import type { NextRequest } from 'next/server';
import { mutationRoute } from '@/server/http/mutation';
import { route } from '@/server/http/respond';
import { allowGaming } from '@/server/services/gaming/allow-gaming';

export const dynamic = 'force-dynamic';

export const POST = route('POST /api/gaming/allow', (req: NextRequest) => {
  return mutationRoute(req, (body) => allowGaming(body));
});

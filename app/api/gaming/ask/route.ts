// POST /api/gaming/ask — "Ask Paul": the game needs DEV's room and only the admin can give it; notifies him.
import type { NextRequest } from 'next/server';
import { mutationRoute } from '@/server/http/mutation';
import { route } from '@/server/http/respond';
import { askGaming } from '@/server/services/gaming/ask-gaming';

export const dynamic = 'force-dynamic';

export const POST = route('POST /api/gaming/ask', (req: NextRequest) => {
  return mutationRoute(req, (body) => askGaming(body));
});

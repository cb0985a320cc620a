// GET /api/gaming/history — gaming sessions, newest first (own for family, everyone's for the admin).
import type { NextRequest } from 'next/server';
import { jsonRoute, route } from '@/server/http/respond';
import { listGamingSessions } from '@/server/services/gaming/list-gaming-sessions';

export const dynamic = 'force-dynamic';

export const GET = route('GET /api/gaming/history', (req: NextRequest) => {
  return jsonRoute(() => listGamingSessions(Object.fromEntries(req.nextUrl.searchParams)));
});

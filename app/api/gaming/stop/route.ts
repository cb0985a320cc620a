// POST /api/gaming/stop — shut the gaming VM down (agent/ACPI, then hard stop).
import type { NextRequest } from 'next/server';
import { mutationRoute } from '@/server/http/mutation';
import { route } from '@/server/http/respond';
import { stopGaming } from '@/server/services/gaming/stop-gaming';

export const dynamic = 'force-dynamic';

export const POST = route('POST /api/gaming/stop', (req: NextRequest) => {
  return mutationRoute(req, (body) => stopGaming(body));
});

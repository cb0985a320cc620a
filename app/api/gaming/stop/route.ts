// POST /api/gaming/stop — shut the gaming VM down (agent/ACPI, then hard stop).
import type { NextRequest } from 'next/server';
import { mutationRoute } from '@/server/http/mutation';
import { ensureGamingJobs } from '@/server/jobs/gaming';
import { stopGaming } from '@/server/services/gaming/stop-gaming';

export const dynamic = 'force-dynamic';

export function POST(req: NextRequest) {
  ensureGamingJobs();
  return mutationRoute(req, (body) => stopGaming(body));
}

// GET /api/services — Argo CD applications across clusters, filtered (cluster, health, sync, q) and paginated.
import type { NextRequest } from 'next/server';
import { jsonRoute, route } from '@/server/http/respond';
import { listApps } from '@/server/services/apps/list-apps';

export const dynamic = 'force-dynamic';

export const GET = route('GET /api/services', (req: NextRequest) => {
  return jsonRoute(() => listApps(Object.fromEntries(req.nextUrl.searchParams)));
});

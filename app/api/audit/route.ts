// GET /api/audit — the audit log, newest first (admin), filtered and paginated by cursor.
import type { NextRequest } from 'next/server';
import { listAuditEvents } from '@/server/services/audit/list-audit-events';
import { jsonRoute, route } from '@/server/http/respond';

export const dynamic = 'force-dynamic';

export const GET = route('GET /api/audit', (req: NextRequest) => {
  return jsonRoute(() => listAuditEvents(Object.fromEntries(req.nextUrl.searchParams)));
});

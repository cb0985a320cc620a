// GET /api/audit — the audit log, newest first (admin), filtered and paginated by cursor.
import type { NextRequest } from 'next/server';
import { listAuditEvents } from '@/server/services/audit/list-audit-events';
import { jsonRoute } from '@/server/http/respond';

export const dynamic = 'force-dynamic';

export function GET(req: NextRequest) {
  return jsonRoute(() => listAuditEvents(Object.fromEntries(req.nextUrl.searchParams)));
}

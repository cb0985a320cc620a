// GET /api/healthz — the process is alive (no auth, no upstream calls).
import { route } from '@/server/http/respond';

export const dynamic = 'force-dynamic';

export const GET = route('GET /api/healthz', () => {
  return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
});

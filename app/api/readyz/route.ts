// GET /api/readyz — ready to serve: configuration valid and database reachable (503 with the reason otherwise).
import { route } from '@/server/http/respond';
import { checkReadiness } from '@/server/services/health/check-readiness';

export const dynamic = 'force-dynamic';

export const GET = route('GET /api/readyz', async () => {
  const r = await checkReadiness();
  return Response.json(r, { status: r.ready ? 200 : 503, headers: { 'cache-control': 'no-store' } });
});

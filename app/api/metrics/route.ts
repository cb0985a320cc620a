// GET /api/metrics — Prometheus metrics of this replica (bearer token from metrics.token).
import { config } from '@/server/env';
import { route } from '@/server/http/respond';
import { metrics } from '@/server/metrics';
import { readMetrics } from '@/server/services/metrics/read-metrics';

export const dynamic = 'force-dynamic';

export const GET = route('GET /api/metrics', async (req: Request) => {
  const text = await readMetrics(req.headers.get('authorization'), config().metrics.token);
  return new Response(text, {
    headers: { 'content-type': metrics.contentType, 'cache-control': 'no-store' },
  });
});

// GET /api/metrics — Prometheus metrics of this replica (bearer token from metrics.token).
import { config } from '@/server/env';
import { jsonError } from '@/server/http/respond';
import { readMetrics } from '@/server/services/metrics/read-metrics';

export const dynamic = 'force-dynamic';

export function GET(req: Request) {
  try {
    return new Response(readMetrics(req.headers.get('authorization'), config().metrics.token), {
      headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' },
    });
  } catch (e) {
    return jsonError(e);
  }
}

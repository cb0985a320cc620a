// GET /api/history/services/:cluster/:app — one service's availability over 24 h and 7 days.
import { jsonRoute, route } from '@/server/http/respond';
import { getServiceHistory } from '@/server/services/history/get-service-history';

export const dynamic = 'force-dynamic';

export const GET = route('GET /api/history/services/[cluster]/[app]', async (_req: Request, { params }: { params: Promise<{ cluster: string; app: string }> }) => {
  const { cluster, app } = await params;
  return jsonRoute(() => getServiceHistory({ cluster, app }));
});

// GET /api/history/clusters/:name — one cluster's reachability and ready nodes over 7 days.
import { jsonRoute, route } from '@/server/http/respond';
import { getClusterHistory } from '@/server/services/history/get-cluster-history';

export const dynamic = 'force-dynamic';

export const GET = route('GET /api/history/clusters/[name]', async (_req: Request, { params }: { params: Promise<{ name: string }> }) => {
  const { name } = await params;
  return jsonRoute(() => getClusterHistory({ name }));
});

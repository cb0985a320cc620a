// GET /api/clusters/:name — one cluster's detail: nodes, pods not ready, warnings, apps, template versions.
import { jsonRoute, route } from '@/server/http/respond';
import { getCluster } from '@/server/services/clusters/get-cluster';

export const dynamic = 'force-dynamic';

export const GET = route('GET /api/clusters/[name]', async (_req: Request, { params }: { params: Promise<{ name: string }> }) => {
  const { name } = await params;
  return jsonRoute(() => getCluster({ name }));
});

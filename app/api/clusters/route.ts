// GET /api/clusters — every cluster's card (reachability, versions, nodes, usage), from the live store.
import { jsonRoute, route } from '@/server/http/respond';
import { listClusters } from '@/server/services/clusters/list-clusters';

export const dynamic = 'force-dynamic';

export const GET = route('GET /api/clusters', () => {
  return jsonRoute(() => listClusters());
});

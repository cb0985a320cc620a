// GET /api/clusters — every cluster's card (reachability, versions, nodes, usage), from the live store.
import { jsonRoute } from '@/server/http/respond';
import { listClusters } from '@/server/services/clusters/list-clusters';

export const dynamic = 'force-dynamic';

export function GET() {
  return jsonRoute(() => listClusters());
}

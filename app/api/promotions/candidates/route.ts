// GET /api/promotions/candidates — what DEV runs and PROD does not, with gates and diffs (admin).
import { jsonRoute, route } from '@/server/http/respond';
import { listCandidates } from '@/server/services/promotions/list-candidates';

export const dynamic = 'force-dynamic';

export const GET = route('GET /api/promotions/candidates', () => {
  return jsonRoute(() => listCandidates());
});

// GET /api/promotions/pending — how many promotions wait for the admin (the home page's badge).
import { jsonRoute, route } from '@/server/http/respond';
import { countPending } from '@/server/services/promotions/count-pending-promotions';

export const dynamic = 'force-dynamic';

export const GET = route('GET /api/promotions/pending', () => {
  return jsonRoute(() => countPending());
});

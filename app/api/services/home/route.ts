// GET /api/services/home — the home screen: service tiles, health in plain words, admin cards.
import { jsonRoute, route } from '@/server/http/respond';
import { getHome } from '@/server/services/dashboard/get-home';

export const dynamic = 'force-dynamic';

export const GET = route('GET /api/services/home', () => {
  return jsonRoute(() => getHome());
});

// GET /api/me — who the caller is (401 JSON without a session).
import { getCurrentUser } from '@/server/services/users/get-current-user';
import { jsonRoute, route } from '@/server/http/respond';

export const dynamic = 'force-dynamic';

export const GET = route('GET /api/me', () => {
  return jsonRoute(() => getCurrentUser());
});

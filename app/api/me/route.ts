// GET /api/me — who the caller is (401 JSON without a session).
import { getCurrentUser } from '@/server/services/users/get-current-user';
import { jsonRoute } from '@/server/http/respond';

export const dynamic = 'force-dynamic';

export function GET() {
  return jsonRoute(() => getCurrentUser());
}

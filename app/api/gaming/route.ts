// GET /api/gaming — the gaming card: state in plain words, session, lease, pre-flight preview.
import { ensureGamingJobs } from '@/server/jobs/gaming';
import { jsonRoute } from '@/server/http/respond';
import { getGamingState } from '@/server/services/gaming/get-gaming-state';

export const dynamic = 'force-dynamic';

export function GET() {
  return jsonRoute(async () => {
    ensureGamingJobs();
    return getGamingState({});
  });
}

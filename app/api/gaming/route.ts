// GET /api/gaming — the gaming card: state in plain words, session, lease, pre-flight preview.
import { jsonRoute, route } from '@/server/http/respond';
import { getGamingState } from '@/server/services/gaming/get-gaming-state';

export const dynamic = 'force-dynamic';

export const GET = route('GET /api/gaming', () => jsonRoute(() => getGamingState({})));

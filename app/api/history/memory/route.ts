// GET /api/history/memory — the Proxmox host's memory by mode over the last 7 days.
import { jsonRoute, route } from '@/server/http/respond';
import { getMemoryHistory } from '@/server/services/history/get-memory-history';

export const dynamic = 'force-dynamic';

export const GET = route('GET /api/history/memory', async () => jsonRoute(() => getMemoryHistory()));

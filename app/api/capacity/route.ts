// GET /api/capacity — Proxmox memory split, mode and what-ifs, and the OCI tier's memory.
import { jsonRoute, route } from '@/server/http/respond';
import { getCapacity } from '@/server/services/capacity/get-capacity';

export const dynamic = 'force-dynamic';

export const GET = route('GET /api/capacity', () => {
  return jsonRoute(() => getCapacity());
});

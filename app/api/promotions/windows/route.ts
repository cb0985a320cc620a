// GET /api/promotions/windows — promotion windows and freezes, with the gate now (admin).
// POST /api/promotions/windows — adds a weekly window or a freeze (admin, audited).
import type { NextRequest } from 'next/server';
import { mutationRoute } from '@/server/http/mutation';
import { jsonRoute, route } from '@/server/http/respond';
import { addWindow } from '@/server/services/promotions/add-window';
import { listWindows } from '@/server/services/promotions/list-windows';

export const dynamic = 'force-dynamic';

export const GET = route('GET /api/promotions/windows', () => jsonRoute(() => listWindows()));

export const POST = route('POST /api/promotions/windows', (req: NextRequest) => mutationRoute(req, (body) => addWindow(body)));

// DELETE /api/promotions/windows/:id — removes a window or lifts a freeze (admin, audited).
import type { NextRequest } from 'next/server';
import { bodyWithId, mutationRoute } from '@/server/http/mutation';
import { route } from '@/server/http/respond';
import { removeWindow } from '@/server/services/promotions/remove-window';

export const dynamic = 'force-dynamic';

export const DELETE = route('DELETE /api/promotions/windows/[id]', async (req: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return mutationRoute(req, (body) => removeWindow(bodyWithId(body ?? {}, id)));
});

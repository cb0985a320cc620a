// POST /api/promotions/:id/rollback — commits the previous versions back, as a linked promotion (admin).
import type { NextRequest } from 'next/server';
import { bodyWithId, mutationRoute } from '@/server/http/mutation';
import { route } from '@/server/http/respond';
import { rollBack } from '@/server/services/promotions/roll-back';

export const dynamic = 'force-dynamic';

export const POST = route('POST /api/promotions/[id]/rollback', async (req: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return mutationRoute(req, (body) => rollBack(bodyWithId(body, id)));
});

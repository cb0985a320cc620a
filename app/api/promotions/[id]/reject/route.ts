// POST /api/promotions/:id/reject — rejects a proposed promotion with { reason } (admin).
import type { NextRequest } from 'next/server';
import { bodyWithId, mutationRoute } from '@/server/http/mutation';
import { route } from '@/server/http/respond';
import { rejectPromotion } from '@/server/services/promotions/reject-promotion';

export const dynamic = 'force-dynamic';

export const POST = route('POST /api/promotions/[id]/reject', async (req: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return mutationRoute(req, (body) => rejectPromotion(bodyWithId(body, id)));
});

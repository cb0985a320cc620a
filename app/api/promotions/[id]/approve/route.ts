// POST /api/promotions/:id/approve — approves and commits the promotion (admin; others 403, audited).
import type { NextRequest } from 'next/server';
import { bodyWithId, mutationRoute } from '@/server/http/mutation';
import { route } from '@/server/http/respond';
import { approvePromotion } from '@/server/services/promotions/approve-promotion';

export const dynamic = 'force-dynamic';

export const POST = route('POST /api/promotions/[id]/approve', async (req: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return mutationRoute(req, (body) => approvePromotion(bodyWithId(body, id)));
});

// POST /api/promotions/:id/merge — merges the promotion's pull request (admin, pull-request mode).
import type { NextRequest } from 'next/server';
import { bodyWithId, mutationRoute } from '@/server/http/mutation';
import { route } from '@/server/http/respond';
import { mergePromotion } from '@/server/services/promotions/merge-promotion';

export const dynamic = 'force-dynamic';

export const POST = route('POST /api/promotions/[id]/merge', async (req: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return mutationRoute(req, (body) => mergePromotion(bodyWithId(body, id)));
});

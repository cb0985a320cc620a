// GET /api/promotions/:id — one promotion with its timeline (admin).
import { jsonRoute, route } from '@/server/http/respond';
import { getPromotion } from '@/server/services/promotions/get-promotion';

export const dynamic = 'force-dynamic';

export const GET = route('GET /api/promotions/[id]', async (_req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return jsonRoute(() => getPromotion({ id }));
});

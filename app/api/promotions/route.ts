// GET /api/promotions — promotion history (admin), newest first, filtered by state and service.
// POST /api/promotions — preview: freezes the change for { services } as a proposed promotion.
import type { NextRequest } from 'next/server';
import { mutationRoute } from '@/server/http/mutation';
import { jsonRoute, route } from '@/server/http/respond';
import { listPromotions } from '@/server/services/promotions/list-promotions';
import { previewPromotion } from '@/server/services/promotions/preview-promotion';

export const dynamic = 'force-dynamic';

export const GET = route('GET /api/promotions', (req: NextRequest) => {
  return jsonRoute(() => listPromotions(Object.fromEntries(req.nextUrl.searchParams)));
});

export const POST = route('POST /api/promotions', (req: NextRequest) => {
  return mutationRoute(req, (body) => previewPromotion(body));
});

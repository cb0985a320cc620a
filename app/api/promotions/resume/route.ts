// POST /api/promotions/resume — lifts the hold a roll-back put on a service's auto-promotion (admin).
import type { NextRequest } from 'next/server';
import { mutationRoute } from '@/server/http/mutation';
import { route } from '@/server/http/respond';
import { resumePromotions } from '@/server/services/promotions/resume-promotions';

export const dynamic = 'force-dynamic';

export const POST = route('POST /api/promotions/resume', (req: NextRequest) => mutationRoute(req, (body) => resumePromotions(body)));

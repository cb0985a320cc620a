// POST /api/promotions/batch — promotes every candidate whose gates passed, in one commit (admin).
import type { NextRequest } from 'next/server';
import { mutationRoute } from '@/server/http/mutation';
import { route } from '@/server/http/respond';
import { approveBatch } from '@/server/services/promotions/approve-batch';

export const dynamic = 'force-dynamic';

export const POST = route('POST /api/promotions/batch', (req: NextRequest) => {
  return mutationRoute(req, (body) => approveBatch(body));
});

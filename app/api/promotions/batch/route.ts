// POST /api/promotions/batch — promotes every candidate whose gates passed, in one commit (admin).
import type { NextRequest } from 'next/server';
import { mutationRoute } from '@/server/http/mutation';
import { ensurePromotionJobs } from '@/server/jobs/promotions';
import { approveBatch } from '@/server/services/promotions/approve-batch';

export const dynamic = 'force-dynamic';

export function POST(req: NextRequest) {
  ensurePromotionJobs();
  return mutationRoute(req, (body) => approveBatch(body));
}

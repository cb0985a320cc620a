'use server';
import { actionResult, type ActionResult } from '@/server/http/respond';
import { countPending } from '@/server/services/promotions/count-pending-promotions';

/** The admin home's badge: proposals, open PRs and degraded promotions waiting for a decision. */
export async function pendingPromotionsCount(): Promise<ActionResult<number>> {
  return actionResult(() => countPending());
}

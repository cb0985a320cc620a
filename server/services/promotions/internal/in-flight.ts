import 'server-only';
import { IN_FLIGHT } from '@/lib/promotions/state';
import type { Db } from '../../../db';

// True while a promotion is being written to the GitOps repository (approved or committing). The
// gaming pre-flight asks this so PROD is not disturbed mid-promotion. Internal helper: the caller
// has already authorised its own action.
export async function promotionInFlight(db: Db): Promise<boolean> {
  const row = await db.promotion.findFirst({ where: { state: { in: [...IN_FLIGHT] } }, select: { id: true } });
  return row !== null;
}

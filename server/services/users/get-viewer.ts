import 'server-only';
import { requirePermission } from '../../auth/guard';
import { requestCtx, type Actor, type Ctx } from '../../context';

/** The signed-in person allowed into the panel's pages (audited refusal for accounts without a role). */
export async function getViewer(ctx: Ctx = requestCtx()): Promise<Actor> {
  return requirePermission('home:view', ctx);
}

import 'server-only';
import { autoServices } from '@/lib/promotions/auto';
import type { Actor } from '../../context';
import { approveAs } from './approve-promotion';
import type { PromotionCtx } from './internal/ctx';
import { proposeReady } from './approve-batch';
import { heldServices } from './internal/holds';
import { windowGateFor } from './internal/windows';

/** The panel acting under the configured policy (audited under this name). */
export const POLICY_ACTOR: Actor = { subject: 'policy:auto-promotion', name: 'Panel (auto-promotion policy)', email: null, role: 'admin' };

// One tick of the auto-promotion job: promotes the ready candidates of services with `auto.enabled`
// whose policy window is open, together, in one commit — never during a freeze or outside the
// promotion windows (promotion_windows). Ready candidates are announced by their own job (./internal/announce.ts).
export async function autoPromote(ctx: PromotionCtx): Promise<string | null> {
  if ((await windowGateFor(ctx)).status !== 'passed') return null;
  const allowed = autoServices(ctx.settings(), ctx.now());
  // A roll-back holds its services until an admin resumes them: the bad version stays out.
  for (const held of (await heldServices(await ctx.db())).keys()) allowed.delete(held);
  if (allowed.size === 0) return null;
  const id = await proposeReady(ctx, 'policy', (s) => allowed.has(s));
  if (!id) return null;
  await approveAs(ctx, POLICY_ACTOR, id, false, 'promotion.auto');
  return id;
}

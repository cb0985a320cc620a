import 'server-only';
import { autoServices } from '@/lib/promotions/auto';
import { config } from '../../env';
import type { Actor } from '../../context';
import { sendNotification } from '../../notify/send';
import { approveAs } from './approve-promotion';
import type { PromotionCtx } from './internal/ctx';
import { proposeReady } from './approve-batch';
import { heldServices } from './internal/holds';
import { computeCandidates } from './list-candidates';

/** The panel acting under the configured policy (audited under this name). */
export const POLICY_ACTOR: Actor = { subject: 'policy:auto-promotion', name: 'Panel (auto-promotion policy)', email: null, role: 'admin' };

// Candidates already announced (service + versions), on this leader. A new leader may announce a
// candidate once more; that is cheaper than a table for it.
const announced = new Set<string>();

async function announceReady(ctx: PromotionCtx): Promise<void> {
  const notify = ctx.settings().notify;
  if (!notify.ntfy && !notify.telegram) return;
  const { candidates } = await computeCandidates(ctx);
  for (const c of candidates.filter((x) => x.ready && !x.open && !x.hold)) {
    const key = `${c.service}:${c.summary}`;
    if (announced.has(key)) continue;
    announced.add(key);
    await sendNotification(notify, { title: `Ready to promote: ${c.service}`, message: c.summary, link: `${config().server.publicUrl}/promotions` });
  }
}

// One tick of the auto-promotion job: announces newly ready candidates, then promotes the ready
// candidates of services with `auto.enabled` whose window is open, together, in one commit.
export async function autoPromote(ctx: PromotionCtx): Promise<string | null> {
  await announceReady(ctx);
  const allowed = autoServices(ctx.settings(), ctx.now());
  // A roll-back holds its services until an admin resumes them: the bad version stays out.
  for (const held of (await heldServices(await ctx.db())).keys()) allowed.delete(held);
  if (allowed.size === 0) return null;
  const id = await proposeReady(ctx, 'policy', (s) => allowed.has(s));
  if (!id) return null;
  await approveAs(ctx, POLICY_ACTOR, id, false, 'promotion.auto');
  return id;
}

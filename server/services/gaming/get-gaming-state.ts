import 'server-only';
import type { GamingStateDto } from '@/lib/gaming/types';
import { requirePermission } from '../../auth/guard';
import { backendOf } from './backends';
import { gamingCtx, type GamingCtx } from './internal/ctx';

// What the card shows. Never fails because of the upstream: an outage or a refused token becomes the
// card's notice, so the rest of the page keeps working.
export async function getGamingState(_input: unknown = {}, ctx: GamingCtx = gamingCtx()): Promise<GamingStateDto> {
  const actor = await requirePermission('home:view', ctx);
  return backendOf(ctx).card(ctx, actor);
}

import 'server-only';
import { StartGamingSchema } from '@/lib/gaming/schemas';
import type { GamingStateDto } from '@/lib/gaming/types';
import { requirePermission } from '../../auth/guard';
import { parseInput } from '../../validation';
import { gamingCtx, type GamingCtx } from './internal/ctx';
import { startFor } from './internal/start';

// POST /api/gaming/start: the pre-flight, one session for any number of concurrent taps, one start
// (internal/start.ts). During Stopping it starts again in the same session, keeping the lease.

export async function startGaming(input: unknown, ctx: GamingCtx = gamingCtx()): Promise<GamingStateDto> {
  const actor = await requirePermission('gaming:power', ctx);
  parseInput(StartGamingSchema, input ?? {});
  return (await startFor(ctx, actor)).card;
}

import 'server-only';
import { windowGate, type WindowsDto } from '@/lib/promotions/windows';
import { requirePermission } from '../../auth/guard';
import { promotionCtx, type PromotionCtx } from './internal/ctx';
import { timeZoneOf, toRule, toRuleDto, windowRows } from './internal/windows';

// GET /api/promotions/windows — the weekly windows and the freezes (current, coming, ended this week), with the gate now.
export async function listWindows(ctx: PromotionCtx = promotionCtx()): Promise<WindowsDto> {
  await requirePermission('promotion:read', ctx);
  const now = ctx.now();
  const rows = await windowRows(await ctx.db(), now);
  const timeZone = timeZoneOf(ctx);
  return { timeZone, rules: rows.map(toRuleDto), gate: windowGate({ now, timeZone, rules: rows.map(toRule) }) };
}

import 'server-only';
import { requestCtx, type Ctx } from '../../context';
import { config } from '../../env';
import { enforce, RateLimitedError } from '../../http/rate-limit';
import { recordAudit } from '../audit/internal/record-audit';

// Sign-in callbacks are rate-limited per IP (shared across replicas): a brute-force or replay storm
// against /api/auth/callback is refused with 429 before Auth.js talks to Keycloak.

export async function limitSignIn(ctx: Ctx = requestCtx()): Promise<void> {
  const ip = await ctx.ip();
  if (!ip) return;
  const db = await ctx.db();
  try {
    await enforce(db, [{ key: `signin:${ip}`, max: config().rateLimits.signInsPerIpPerMinute, windowMs: 60_000 }]);
  } catch (e) {
    if (e instanceof RateLimitedError && e.first) {
      await recordAudit(db, { actor: 'anonymous', role: 'none', action: 'auth.sign-in', outcome: 'denied', details: { reason: 'rate limited' }, ip });
    }
    throw e;
  }
}

import 'server-only';
import type { Role } from '@/lib/roles';
import { requestCtx, type Ctx } from '../../context';
import { recordAudit } from '../audit/record-audit';

// Called by Auth.js once Keycloak has authenticated someone (the sign-in itself is the authorisation):
// remembers the user and audits the sign-in — as `denied` when no panel role maps from their claims.

export async function recordSignIn(input: { subject: string; name: string; email: string | null; username?: string | null; role: Role }, ctx: Ctx = requestCtx()) {
  const db = await ctx.db();
  await db.user.upsert({
    where: { subject: input.subject },
    create: { subject: input.subject, name: input.name, email: input.email, username: input.username ?? null, role: input.role },
    update: { name: input.name, email: input.email, username: input.username ?? null, role: input.role, lastSeenAt: new Date() },
  });
  await recordAudit(db, {
    actor: input.subject,
    actorName: input.name,
    role: input.role,
    action: 'auth.sign-in',
    outcome: input.role === 'none' ? 'denied' : 'ok',
    details: input.role === 'none' ? { reason: 'no panel role in the Keycloak claims' } : {},
    ip: await ctx.ip(),
  });
}

import 'server-only';
import type { Role } from '@/lib/roles';
import type { Ctx } from '../../../context';
import { db } from '../../../db';
import { requestIp } from '../../../http/request-ip';
import { recordAudit } from '../../audit/internal/record-audit';

// Called by Auth.js once Keycloak has authenticated someone (the sign-in itself is the authorisation):
// remembers the user and audits the sign-in — as `denied` when no panel role maps from their claims.
// Its context has no session (there is none yet) and does not come from server/context.ts, which
// reads the session through Auth.js: that would be an import circle.
type SignInCtx = Pick<Ctx, 'db' | 'ip'>;
const signInCtx = (): SignInCtx => ({ db, ip: requestIp });

export async function recordSignIn(input: { subject: string; name: string; email: string | null; username?: string | null; role: Role }, ctx: SignInCtx = signInCtx()) {
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

/** A token refresh brought a different role from Keycloak: remembered, so open streams of the old role end. */
export async function recordRoleChange(input: { subject: string; name: string; from: Role; to: Role }, ctx: SignInCtx = signInCtx()) {
  const db = await ctx.db();
  await db.user.updateMany({ where: { subject: input.subject }, data: { role: input.to, lastSeenAt: new Date() } });
  await recordAudit(db, { actor: input.subject, actorName: input.name, role: input.to, action: 'auth.role-change', outcome: 'ok', details: { from: input.from, to: input.to }, ip: await ctx.ip() });
}

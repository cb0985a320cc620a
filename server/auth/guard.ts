import 'server-only';
import { msg } from '@/lib/i18n/message';
import { can, type Permission } from '@/lib/permissions';
import { requestCtx, type Actor, type Ctx } from '../context';
import { ForbiddenError, UnauthenticatedError } from '../errors';
import { recordAudit } from '../services/audit/internal/record-audit';

// The first line of every service. Refusals are audit-logged (anonymous ones too) before throwing.

export async function requireUser(ctx: Ctx = requestCtx(), action = 'access'): Promise<Actor> {
  const actor = await ctx.session();
  if (!actor) {
    await recordAudit(await ctx.db(), { actor: 'anonymous', role: 'none', action, outcome: 'denied', details: { reason: 'not signed in' }, ip: await ctx.ip() });
    throw new UnauthenticatedError();
  }
  return actor;
}

export async function requirePermission(permission: Permission, ctx: Ctx = requestCtx()): Promise<Actor> {
  const actor = await requireUser(ctx, permission);
  if (!can(actor.role, permission)) {
    await recordAudit(await ctx.db(), {
      actor: actor.subject,
      actorName: actor.name,
      role: actor.role,
      action: permission,
      outcome: 'denied',
      details: { reason: `role ${actor.role} lacks ${permission}` },
      ip: await ctx.ip(),
    });
    if (actor.role !== 'none') throw new ForbiddenError();
    throw new ForbiddenError('Your account has no access to the panel yet. Ask Paul for access.').withMsg(msg('srv.noAccess', { admin: 'Paul' }));
  }
  return actor;
}

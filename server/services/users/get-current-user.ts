import 'server-only';
import { requireUser } from '../../auth/guard';
import { requestCtx, type Actor, type Ctx } from '../../context';

export async function getCurrentUser(ctx: Ctx = requestCtx()): Promise<Actor> {
  return requireUser(ctx);
}

/** For pages: the signed-in user or null, without auditing (the proxy already redirects anonymous views). */
export async function findCurrentUser(ctx: Ctx = requestCtx()): Promise<Actor | null> {
  return ctx.session();
}

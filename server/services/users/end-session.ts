import 'server-only';
import { requireUser } from '../../auth/guard';
import { oidcMetadata } from '../../auth/oidc-metadata';
import { revokeSession } from '../../auth/revocation';
import { requestCtx, type Ctx } from '../../context';
import { config } from '../../env';
import { log } from '../../log';
import { recordAudit } from '../audit/internal/record-audit';

/**
 * Audits the sign-out and returns where to send the browser: Keycloak's end-session endpoint (so the
 * IdP session ends too), which then returns to the panel's sign-in page.
 */
export async function endSession(input: { idToken?: string; sid?: string }, ctx: Ctx = requestCtx()): Promise<string> {
  const actor = await requireUser(ctx, 'auth.sign-out');
  const cfg = config();
  const back = new URL('/signin?signedOut=1', cfg.server.publicUrl).toString();
  const db = await ctx.db();
  if (input.sid) await revokeSession(db, input.sid);
  await recordAudit(db, { actor: actor.subject, actorName: actor.name, role: actor.role, action: 'auth.sign-out', outcome: 'ok', ip: await ctx.ip() });
  try {
    const { end_session_endpoint } = await oidcMetadata();
    if (!end_session_endpoint) return back;
    const url = new URL(end_session_endpoint);
    url.searchParams.set('client_id', cfg.auth.clientId);
    url.searchParams.set('post_logout_redirect_uri', back.replace('?signedOut=1', ''));
    if (input.idToken) url.searchParams.set('id_token_hint', input.idToken);
    return url.toString();
  } catch (e) {
    log.warn({ err: (e as Error).message }, 'sign-in service unreachable at sign-out; the panel session is ended only');
    return back;
  }
}

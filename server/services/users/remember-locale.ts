import 'server-only';
import { isLocale } from '@/lib/i18n';
import { requirePermission } from '../../auth/guard';
import { requestCtx, type Ctx } from '../../context';
import { log } from '../../log';

// The language the person uses the panel in, remembered so their notifications are written in it
// (issue 16). One conditional UPDATE that changes a row only
// when the language differs. Not audited (a preference of display, like the cookie it mirrors). Called by GET /api/me (the header asks it once per tab).
export async function rememberLocale(locale: string, ctx: Ctx = requestCtx()): Promise<void> {
  const actor = await requirePermission('home:view', ctx);
  if (!isLocale(locale)) return;
  try {
    await (await ctx.db()).user.updateMany({ where: { subject: actor.subject, OR: [{ locale: null }, { locale: { not: locale } }] }, data: { locale } });
  } catch (e) {
    log.warn({ err: (e as Error).message }, 'could not remember the locale');
  }
}

import 'server-only';
import { msg } from '@/lib/i18n/message';
import { config } from '../env';
import { ForbiddenError } from '../errors';

// CSRF defence for mutating routes: the browser's Origin (or Sec-Fetch-Site) must say same-origin.
export function assertSameOrigin(req: Request, publicUrl?: string): void {
  const site = req.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') throw new ForbiddenError('Cross-site request refused.').withMsg(msg('srv.crossSite'));
  const origin = req.headers.get('origin');
  if (!origin) return;
  const allowed = new Set([new URL(publicUrl ?? config().server.publicUrl).origin, new URL(req.url).origin]);
  if (!allowed.has(origin)) throw new ForbiddenError('Cross-site request refused.').withMsg(msg('srv.crossSite'));
}

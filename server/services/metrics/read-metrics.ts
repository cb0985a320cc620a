import 'server-only';
import { timingSafeEqual } from 'node:crypto';
import { NotFoundError, UnauthenticatedError } from '../../errors';
import { renderMetrics } from '../../metrics';

// Prometheus scrapes with a bearer token from the configuration (metrics.token); without one the
// endpoint does not exist. Not a person's permission: a scraper has no Keycloak session.
export function readMetrics(authorization: string | null, token: string | undefined): string {
  if (!token) throw new NotFoundError('Metrics are disabled (set metrics.token).');
  const given = Buffer.from((authorization ?? '').replace(/^Bearer\s+/i, ''));
  const want = Buffer.from(token);
  if (given.length !== want.length || !timingSafeEqual(given, want)) throw new UnauthenticatedError('A valid metrics bearer token is required.');
  return renderMetrics();
}

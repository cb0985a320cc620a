import 'server-only';
import { timingSafeEqual } from 'node:crypto';
import { db } from '../../db';
import { NotFoundError, UnauthenticatedError } from '../../errors';
import { renderMetrics } from '../../metrics';
import { registerDomainMetrics } from '../../metrics-domain';

// Prometheus scrapes with a bearer token from the configuration (metrics.token); without one the
// endpoint does not exist. Not a person's permission: a scraper has no Keycloak session.
// The domain metrics (promotions, gaming sessions) are read from the database at scrape time.
export async function readMetrics(authorization: string | null, token: string | undefined, database = db): Promise<string> {
  if (!token) throw new NotFoundError('Metrics are disabled (set metrics.token).');
  const given = Buffer.from((authorization ?? '').replace(/^Bearer\s+/i, ''));
  const want = Buffer.from(token);
  if (given.length !== want.length || !timingSafeEqual(given, want)) throw new UnauthenticatedError('A valid metrics bearer token is required.');
  registerDomainMetrics(database);
  return renderMetrics();
}

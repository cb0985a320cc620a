// The expected answer of every entry point for every kind of caller. e2e/authz-matrix.spec.ts
// enumerates the route handlers and server actions from the code and calls each one over HTTP as
// each caller; one missing here fails the suite.
//   public   — anyone, signed in or not
//   user     — any signed-in person, even without a role
//   family   — family and admin (home:view, gaming:power)
//   admin    — admin only
//   token    — not a person's session: a bearer token (metrics)
//   elsewhere — checked by another spec (reason given)

export type Access = 'public' | 'user' | 'family' | 'admin' | 'token' | { elsewhere: string };

export const ROUTE_ACCESS: Record<string, Access> = {
  'GET /api/healthz': 'public',
  'GET /api/readyz': 'public',
  'GET /api/auth/[...nextauth]': { elsewhere: 'Auth.js sign-in flow: e2e/auth.spec.ts' },
  'POST /api/auth/[...nextauth]': { elsewhere: 'Auth.js sign-in flow: e2e/auth.spec.ts' },
  'POST /api/sign-out': { elsewhere: 'ends the session: e2e/auth.spec.ts (signing out)' },
  'GET /api/metrics': 'token',
  'GET /api/me': 'user',
  'GET /api/audit': 'admin',
  'GET /api/events': 'family',
  'GET /api/capacity': 'admin',
  'GET /api/clusters': 'admin',
  'GET /api/clusters/[name]': 'admin',
  'GET /api/services': 'admin',
  'GET /api/services/home': 'family',
  'GET /api/history/services/[cluster]/[app]': 'admin',
  'GET /api/history/clusters/[name]': 'admin',
  'GET /api/history/memory': 'admin',
  'GET /api/icons/[file]': 'family',
  'GET /api/gaming': 'family',
  'GET /api/gaming/history': 'family',
  'POST /api/gaming/start': 'family',
  'POST /api/gaming/stop': 'family',
  'POST /api/gaming/extend': 'family',
  'POST /api/gaming/ask': 'family',
  'POST /api/gaming/allow': 'admin',
  'POST /api/gaming/hold': 'admin',
  'GET /api/dev-power': 'admin',
  'POST /api/dev-power': 'admin',
  'GET /api/promotions': 'admin',
  'GET /api/promotions/candidates': 'admin',
  'GET /api/promotions/pending': 'admin',
  'GET /api/promotions/[id]': 'admin',
  'POST /api/promotions': 'admin',
  'POST /api/promotions/batch': 'admin',
  'POST /api/promotions/[id]/approve': 'admin',
  'POST /api/promotions/[id]/reject': 'admin',
  'POST /api/promotions/[id]/rollback': 'admin',
  'POST /api/promotions/[id]/merge': 'admin',
  'POST /api/promotions/resume': 'admin',
  'GET /api/promotions/windows': 'admin',
  'POST /api/promotions/windows': 'admin',
  'DELETE /api/promotions/windows/[id]': 'admin',
  'GET /api/notifications/settings': 'family',
  'PUT /api/notifications/settings': 'family',
  'POST /api/notifications/push': 'family',
  'DELETE /api/notifications/push': 'family',
  'GET /api/notifications/failures': 'admin',
};

export const ACTION_ACCESS: Record<string, Access> = {
  'app/[locale]/signin/page.tsx#signInWithKeycloak': 'public',
};

/** Sample values for dynamic segments. */
export const SEGMENTS: Record<string, string> = {
  '[name]': 'dev',
  '[cluster]': 'cloud',
  '[app]': 'navidrome-cloud',
  '[file]': 'komga.svg',
  '[id]': '00000000-0000-4000-8000-000000000000',
};

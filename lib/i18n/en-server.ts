// What the auth guard and the HTTP layer say (server/auth, server/http, server/errors.ts), sent as codes
// in the error body's `msg` (lib/i18n/message.ts) with the English in `message` for logs and scripts.
export const enServer = {
  'srv.noAccess': 'Your account has no access to the panel yet. Ask {admin} for access.',
  'srv.forbidden': 'You may not do this.',
  'srv.signInFirst': 'Sign in first.',
  'srv.panelStatus': 'The panel answered {status}.',
  'srv.crossSite': 'Cross-site request refused.',
} as const;

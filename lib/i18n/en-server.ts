// Sentences the auth guard and the HTTP layer still send in English (server/auth, server/http): their
// exact templates, part of the English catalogue and recognised by ./server-text.ts. A file of its own
// so the client bundle carries these templates only. The gaming services send codes (./en-gaming.ts).
export const enServer = {
  'srv.noAccess': 'Your account has no access to the panel yet. Ask {admin} for access.',
  'srv.forbidden': 'You may not do this.',
  'srv.signInFirst': 'Sign in first.',
  'srv.panelStatus': 'The panel answered {status}.',
  'srv.crossSite': 'Cross-site request refused.',
} as const;

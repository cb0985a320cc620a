// Security headers of every page: a strict Content-Security-Policy for Next's scripts (a nonce per
// answer with 'strict-dynamic', or the hashes of a prerendered page's inline scripts and 'self'),
// and the usual hardening headers. Pure, so it is unit-tested.

export interface CspOptions {
  /** A fresh nonce per answer (pages rendered per request)… */
  nonce?: string;
  /** …or the hashes of a prerendered page's scripts (`'sha256-…'` sources: lib/security/shell-csp.ts). */
  hashes?: string[];
  /** Origins a form may post or redirect to (the Keycloak issuer: sign-in and sign-out redirect there). */
  formTargets: string[];
  /** Origins tiles may load icon images from (`icons.imageOrigins`). */
  imageOrigins?: string[];
}

export function contentSecurityPolicy({ nonce, hashes = [], formTargets, imageOrigins = [] }: CspOptions): string {
  // A rendered page: its nonce and 'strict-dynamic' (scripts Next's trusted ones load are trusted).
  // A prerendered shell: the hashes of its inline scripts and 'self' for files, without 'strict-dynamic'.
  // With it, a browser ignores 'self' and must match each `<script src>` to a hash by its `integrity`
  // (CSP3), which Safari does not do: on an iPhone the shell would run no script at all.
  // Without a nonce or a hash nothing inline is trusted (fail closed).
  const scripts = nonce ? `'self' 'nonce-${nonce}' 'strict-dynamic'` : hashes.length ? `'self' ${hashes.join(' ')}` : `'self' 'strict-dynamic'`;
  return [
    "default-src 'self'",
    `script-src ${scripts}`,
    // Next and Tailwind emit some inline style attributes; scripts stay strict.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${imageOrigins.length ? ` ${imageOrigins.join(' ')}` : ''}`,
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action 'self'${formTargets.length ? ` ${formTargets.join(' ')}` : ''}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(opts: { https: boolean }): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...(opts.https ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

// Security headers of every page: a strict, nonce-based Content-Security-Policy for Next's scripts,
// and the usual hardening headers. Pure, so it is unit-tested.

export interface CspOptions {
  nonce: string;
  /** Origins a form may post or redirect to (the Keycloak issuer: sign-in and sign-out redirect there). */
  formTargets: string[];
  /** Origins tiles may load icon images from (`icons.imageOrigins`). */
  imageOrigins?: string[];
}

export function contentSecurityPolicy({ nonce, formTargets, imageOrigins = [] }: CspOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
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

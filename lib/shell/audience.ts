// The signed-in page shells (issue 15): one prerendered `/` per locale × audience, the audience being
// the role's view of the panel. The proxy rewrites a page's address to `/<locale>/<audience><path>`
// (the address bar keeps `<path>`); pages under those segments read no header for either.
import { LOCALES, type Locale } from '@/lib/i18n';
import type { Role } from '@/lib/roles';

export const AUDIENCES = ['family', 'admin'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const isAudience = (v: unknown): v is Audience => v === 'family' || v === 'admin';

/** The view a role gets; null for a signed-in person without a role (the no-access page). */
export function audienceOf(role: Role | undefined): Audience | null {
  return role === 'admin' || role === 'family' ? role : null;
}

/** Every (locale, audience) pair, the shells `next build` prerenders. */
export const SHELLS: { locale: Locale; audience: Audience }[] = LOCALES.flatMap((locale) => AUDIENCES.map((audience) => ({ locale, audience })));

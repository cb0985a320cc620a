import 'server-only';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { can } from '@/lib/permissions';
import type { Actor } from '@/server/context';
import { findCurrentUser } from '@/server/services/users/get-current-user';

/**
 * The first await of every (panel) page: the signed-in person allowed into the panel, else a redirect
 * before any service runs. The layout redirects too, but it renders in parallel with the page, whose
 * services would otherwise throw Forbidden (logged as errors) for an account without a role.
 */
export const viewerOrRedirect = cache(async (): Promise<Actor> => {
  const viewer = await findCurrentUser();
  if (!viewer) redirect('/signin');
  if (!can(viewer.role, 'home:view')) redirect('/no-access');
  return viewer;
});

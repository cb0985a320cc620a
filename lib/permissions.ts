// The one role → permission table. Pure and isomorphic: the server enforces it (server/auth/guard.ts),
// the UI only uses it to decide what to show.
import type { Role } from './roles';

export const PERMISSIONS = [
  'home:view', // the home screen: service tiles, plain-words health, the gaming card
  // clusters, services and capacity pages: the admin's words (Kubernetes, pods, images). The family
  // reads the same in plain words on the home page (tiles, "How things are", the gaming card's checks).
  'dashboard:view',
  'gaming:power', // start / stop / extend the gaming VM
  'gaming:history:all', // every family member's gaming sessions
  'promotion:read',
  'promotion:approve', // approve / reject / roll back promotions
  'dev:power', // stop / start the DEV cluster's VMs
  'audit:read',
  'settings:manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const FAMILY: Permission[] = ['home:view', 'gaming:power'];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(PERMISSIONS),
  family: new Set(FAMILY),
  none: new Set(),
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

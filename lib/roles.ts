// Maps Keycloak claims (realm roles and groups) to the panel's role. Pure; unit-tested.

export type Role = 'admin' | 'family' | 'none';

export interface RoleMapping {
  adminRoles: string[];
  familyRoles: string[];
  adminGroups: string[];
  familyGroups: string[];
}

export interface KeycloakClaims {
  realm_access?: { roles?: unknown } | null;
  groups?: unknown;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Groups are compared by full path ("/homelab/family" is configured as "homelab/family" or
 * "/homelab/family"): a nested group with a matching last segment, like "/x/admins", is another group. */
function groupNames(groups: string[]): Set<string> {
  return new Set(groups.map((g) => g.replace(/^\/+/, '')));
}

export function mapRole(claims: KeycloakClaims, mapping: RoleMapping): Role {
  const roles = new Set(strings(claims.realm_access?.roles));
  const groups = groupNames(strings(claims.groups));
  const has = (names: string[], set: Set<string>) => names.some((n) => set.has(n.replace(/^\/+/, '')));
  if (has(mapping.adminRoles, roles) || has(mapping.adminGroups, groups)) return 'admin';
  if (has(mapping.familyRoles, roles) || has(mapping.familyGroups, groups)) return 'family';
  return 'none';
}

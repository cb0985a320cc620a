// The simulated Keycloak realm's people (product.md: Paul is the admin, ~5 family members, one
// account with no role at all). Passwords are the usernames: this is a local simulator only.

export interface SimUser {
  username: string;
  password: string;
  name: string;
  email: string;
  /** Keycloak realm roles (realm_access.roles). */
  realmRoles: string[];
  /** Keycloak group membership (the `groups` claim). */
  groups: string[];
  /** What the panel should make of it with the default mapping (for docs and the demo banner). */
  panelRole: 'admin' | 'family' | 'none';
}

const base = ['default-roles-homelab', 'offline_access', 'uma_authorization'];

export const SIM_USERS: SimUser[] = [
  { username: 'paul', password: 'paul', name: 'Paul Martin', email: 'paul@homelab.example', realmRoles: [...base, 'homelab-admin'], groups: ['admins'], panelRole: 'admin' },
  { username: 'marie', password: 'marie', name: 'Marie Martin', email: 'marie@homelab.example', realmRoles: base, groups: ['family'], panelRole: 'family' },
  { username: 'lucas', password: 'lucas', name: 'Lucas Martin', email: 'lucas@homelab.example', realmRoles: base, groups: ['family'], panelRole: 'family' },
  { username: 'emma', password: 'emma', name: 'Emma Martin', email: 'emma@homelab.example', realmRoles: base, groups: ['family'], panelRole: 'family' },
  { username: 'guest', password: 'guest', name: 'Guest User', email: 'guest@homelab.example', realmRoles: base, groups: [], panelRole: 'none' },
];

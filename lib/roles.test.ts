import { describe, expect, it } from 'vitest';
import { mapRole } from './roles';

const mapping = { adminRoles: ['homelab-admin'], familyRoles: ['family'], adminGroups: ['admins'], familyGroups: ['family'] };

describe('mapping Keycloak claims to a panel role', () => {
  it('maps a realm role', () => {
    expect(mapRole({ realm_access: { roles: ['offline_access', 'homelab-admin'] } }, mapping)).toBe('admin');
    expect(mapRole({ realm_access: { roles: ['family'] } }, mapping)).toBe('family');
  });

  it('maps a group, with or without Keycloak full paths', () => {
    expect(mapRole({ groups: ['family'] }, mapping)).toBe('family');
    expect(mapRole({ groups: ['/family'] }, mapping)).toBe('family');
    expect(mapRole({ groups: ['/homelab/admins'] }, { ...mapping, adminGroups: ['/homelab/admins'] })).toBe('admin');
    expect(mapRole({ groups: ['/homelab/admins'] }, { ...mapping, adminGroups: ['homelab/admins'] })).toBe('admin');
  });

  it('compares nested groups by full path, not by last segment', () => {
    expect(mapRole({ groups: ['/homelab/admins'] }, mapping)).toBe('none');
    expect(mapRole({ groups: ['/x/admins', '/guests/family'] }, mapping)).toBe('none');
  });

  it('prefers admin when both apply', () => {
    expect(mapRole({ realm_access: { roles: ['family'] }, groups: ['admins'] }, mapping)).toBe('admin');
  });

  it('gives no role when neither claim maps, or the claims are malformed', () => {
    expect(mapRole({ realm_access: { roles: ['offline_access'] }, groups: ['friends'] }, mapping)).toBe('none');
    expect(mapRole({}, mapping)).toBe('none');
    expect(mapRole({ realm_access: { roles: 'homelab-admin' }, groups: [42, null] }, mapping)).toBe('none');
    expect(mapRole({ realm_access: null }, mapping)).toBe('none');
  });

  it('follows the configured names', () => {
    expect(mapRole({ groups: ['family'] }, { ...mapping, familyGroups: ['kids'] })).toBe('none');
  });
});

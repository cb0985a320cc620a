import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS } from './permissions';

describe('the role → permission table', () => {
  it('lets the admin do everything', () => {
    for (const p of PERMISSIONS) expect(can('admin', p)).toBe(true);
  });

  it('lets family see the home screen and power the gaming VM, nothing else (the dashboard pages are for admins)', () => {
    const allowed = PERMISSIONS.filter((p) => can('family', p));
    expect(allowed.sort()).toEqual(['gaming:power', 'home:view']);
  });

  it('gives an account without a role nothing', () => {
    expect(PERMISSIONS.filter((p) => can('none', p))).toEqual([]);
  });
});

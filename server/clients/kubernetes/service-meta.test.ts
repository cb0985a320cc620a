import { describe, expect, it } from 'vitest';
import { serviceMeta } from './reshape';

describe('serviceMeta: the panel annotations, Homepage annotations as the fallback', () => {
  const homepage = {
    'gethomepage.dev/enabled': 'true',
    'gethomepage.dev/name': 'Emby',
    'gethomepage.dev/description': 'Media server',
    'gethomepage.dev/group': 'Media',
    'gethomepage.dev/icon': 'emby.png',
    'gethomepage.dev/href': 'https://emby.example.com',
  };

  it('reads a Homepage-annotated Application as a family tile', () => {
    expect(serviceMeta(homepage, 'emby-prod')).toEqual({ displayName: 'Emby', description: 'Media server', url: 'https://emby.example.com', icon: 'emby.png', group: 'Media', audience: 'family', authTier: null });
  });

  it("lets the panel's own annotations win, the audience included", () => {
    const m = serviceMeta({ ...homepage, 'panel.homelab/display-name': 'Films', 'panel.homelab/audience': 'admin', 'panel.homelab/icon': 'si-jellyfin', 'panel.homelab/group': 'Watch' }, 'emby-prod');
    expect(m).toMatchObject({ displayName: 'Films', audience: 'admin', icon: 'si-jellyfin', group: 'Watch', url: 'https://emby.example.com' });
  });

  it('keeps Homepage services that are not enabled for the admin, and ignores a non-http href', () => {
    expect(serviceMeta({ ...homepage, 'gethomepage.dev/enabled': 'false', 'gethomepage.dev/href': 'javascript:alert(1)' }, 'x')).toMatchObject({ audience: 'admin', url: null });
    expect(serviceMeta({}, 'plain')).toMatchObject({ displayName: 'plain', audience: 'admin', group: null, icon: null });
  });
});

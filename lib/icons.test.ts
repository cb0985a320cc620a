import { describe, expect, it } from 'vitest';
import { parseIcon, slugOf } from './icons';

describe('parseIcon', () => {
  it('reads Simple Icons names, with or without the si- prefix', () => {
    expect(parseIcon('si-jellyfin')).toEqual({ kind: 'brand', slug: 'jellyfin' });
    expect(parseIcon('Nextcloud')).toEqual({ kind: 'brand', slug: 'nextcloud' });
    expect(parseIcon('si-home-assistant')).toEqual({ kind: 'brand', slug: 'homeassistant' });
  });

  it("reads Homepage's dashboard-icons names and local files as files (tried as a brand too)", () => {
    expect(parseIcon('home-assistant.png')).toEqual({ kind: 'file', name: 'home-assistant.png', slug: 'homeassistant' });
    expect(parseIcon('/icons/Komga.svg')).toEqual({ kind: 'file', name: 'komga.svg', slug: 'komga' });
  });

  it('keeps https URLs only, without credentials', () => {
    expect(parseIcon('https://cdn.example/x.png')).toEqual({ kind: 'url', url: 'https://cdn.example/x.png' });
    expect(parseIcon('http://cdn.example/x.png')).toEqual({ kind: 'none' });
    expect(parseIcon('https://u:p@cdn.example/x.png')).toEqual({ kind: 'none' });
  });

  it('draws nothing for what it does not know', () => {
    expect(parseIcon(null)).toEqual({ kind: 'none' });
    expect(parseIcon('')).toEqual({ kind: 'none' });
    expect(parseIcon('mdi-flask')).toEqual({ kind: 'none' });
    expect(parseIcon('../../etc/passwd')).toEqual({ kind: 'none' });
    expect(parseIcon('/icons/../secret.png')).toEqual({ kind: 'none' });
    expect(parseIcon('x'.repeat(100))).toEqual({ kind: 'none' });
  });

  it('makes Simple Icons slugs', () => {
    expect(slugOf('Node.js')).toBe('nodedotjs');
    expect(slugOf('C++')).toBe('cplusplus');
  });
});

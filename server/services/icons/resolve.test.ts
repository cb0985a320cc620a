import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { brandGlyph, resolveIcon } from './internal/resolve';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panel-icons-'));
fs.writeFileSync(path.join(dir, 'komga.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const none = { imageOrigins: [] as string[] };

describe('resolveIcon', () => {
  it('draws a Simple Icons brand from its path data, read from the package on the server', () => {
    const g = resolveIcon('si-nextcloud', none);
    expect(g).toMatchObject({ kind: 'svg', title: 'Nextcloud' });
    expect(g?.kind === 'svg' && g.path).toMatch(/^M[\d.]/);
    expect(resolveIcon('Home Assistant', none)).toMatchObject({ kind: 'svg', title: 'Home Assistant' });
  });

  it('draws the initial (null) for names it does not know, and remembers misses', () => {
    expect(resolveIcon('music', none)).toBeNull();
    expect(brandGlyph('nosuchbrandever')).toBeNull();
    expect(resolveIcon('mdi-flask', none)).toBeNull();
  });

  it('serves files from icons.dir, else reads a Homepage name as a brand, or from dashboard-icons when jsDelivr is allowed', () => {
    expect(resolveIcon('komga.svg', { dir, imageOrigins: [] })).toEqual({ kind: 'img', src: '/api/icons/komga.svg' });
    expect(resolveIcon('/icons/komga.svg', { dir, imageOrigins: [] })).toEqual({ kind: 'img', src: '/api/icons/komga.svg' });
    expect(resolveIcon('jellyfin.png', { dir, imageOrigins: [] })).toMatchObject({ kind: 'svg', title: 'Jellyfin' });
    expect(resolveIcon('jellyfin.png', { dir, imageOrigins: ['https://cdn.jsdelivr.net'] })).toEqual({ kind: 'img', src: 'https://cdn.jsdelivr.net/gh/homarr-labs/dashboard-icons/png/jellyfin.png' });
  });

  it('shows an image URL only from an allowed origin (the CSP lists the same)', () => {
    expect(resolveIcon('https://icons.example/a.png', none)).toBeNull();
    expect(resolveIcon('https://icons.example/a.png', { imageOrigins: ['https://icons.example'] })).toEqual({ kind: 'img', src: 'https://icons.example/a.png' });
  });
});

// Service icons (issue 16): what a `panel.homelab/icon` (or Homepage's `gethomepage.dev/icon`)
// annotation names, and what a tile draws. Pure; the server resolves a reference to a glyph
// (server/icons/resolve.ts): Simple Icons path data, a file from the configured icons folder, or an
// image URL on an allowed origin. Anything else draws the name's initial, as before.

export type IconRef =
  | { kind: 'brand'; slug: string }
  | { kind: 'file'; name: string; slug: string }
  | { kind: 'url'; url: string }
  | { kind: 'none' };

/** What a tile draws: a brand path (24×24 viewBox, drawn in the text colour) or an image. */
export type TileGlyph = { kind: 'svg'; path: string; title: string } | { kind: 'img'; src: string };

export const ICON_FILE = /^[a-z0-9][a-z0-9._-]{0,100}\.(svg|png|webp)$/;
const SLUG = /^[a-z0-9]{1,64}$/;

/** Simple Icons slugs are lower-case letters and digits: "Home Assistant" → "homeassistant", "home-assistant.png" → "homeassistant". */
export function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/\.(svg|png|webp)$/, '')
    .replace(/\+/g, 'plus')
    .replace(/\./g, 'dot')
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]/g, '');
}

export function parseIcon(value: string | null | undefined): IconRef {
  const v = (value ?? '').trim();
  if (!v || v.length > 2048) return { kind: 'none' };
  if (/^https:\/\//i.test(v)) {
    try {
      const u = new URL(v);
      return u.username || u.password ? { kind: 'none' } : { kind: 'url', url: u.toString() };
    } catch {
      return { kind: 'none' };
    }
  }
  // Homepage's Material Design icons (mdi-…) are not bundled: the initial is drawn instead.
  if (/^mdi-/i.test(v)) return { kind: 'none' };
  if (/^si-/i.test(v)) {
    const slug = slugOf(v.slice(3));
    return SLUG.test(slug) ? { kind: 'brand', slug } : { kind: 'none' };
  }
  const file = v.replace(/^\/?icons\//, '').toLowerCase();
  // Any other URL or path (http:, ../, a folder) names nothing the panel will fetch or serve.
  if (/[/:\\]/.test(file)) return { kind: 'none' };
  if (ICON_FILE.test(file)) return { kind: 'file', name: file, slug: slugOf(file) };
  const slug = slugOf(v);
  return SLUG.test(slug) ? { kind: 'brand', slug } : { kind: 'none' };
}

/** The origin of an icon URL, for the img-src allow-list. */
export function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

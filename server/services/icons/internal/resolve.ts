import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { ICON_FILE, originOf, parseIcon, type TileGlyph } from '@/lib/icons';

// Resolves an icon annotation to what a tile draws, on the server, so the browser never receives the
// Simple Icons package: one SVG file read per slug (cached, misses too), its path data sent with the
// tile. Files come from `icons.dir` (served by /api/icons/<file>); image URLs only from
// `icons.imageOrigins` (the CSP's img-src lists the same origins; the panel never fetches them).

const SIMPLE_ICONS = path.join(process.cwd(), 'node_modules', 'simple-icons', 'icons');
/** Homepage draws `name.png` from the dashboard-icons collection on jsDelivr; so does the panel when that origin is allowed. */
const DASHBOARD_ICONS = 'https://cdn.jsdelivr.net/gh/homarr-labs/dashboard-icons';
const MAX_CACHED = 1_000;
const FILE_TTL_MS = 60_000;

const brands = new Map<string, TileGlyph | null>();
const files = new Map<string, { exists: boolean; at: number }>();

function remember<V>(map: Map<string, V>, key: string, value: V): V {
  if (map.size >= MAX_CACHED) map.delete(map.keys().next().value as string);
  map.set(key, value);
  return value;
}

export function brandGlyph(slug: string, dir = SIMPLE_ICONS): TileGlyph | null {
  const hit = brands.get(slug);
  if (hit !== undefined) return hit;
  let glyph: TileGlyph | null = null;
  try {
    const svg = fs.readFileSync(path.join(dir, `${slug}.svg`), 'utf8');
    const d = /<path d="([^"]{1,20000})"/.exec(svg)?.[1];
    const title = /<title>([^<]{1,200})<\/title>/.exec(svg)?.[1] ?? slug;
    if (d) glyph = { kind: 'svg', path: d, title };
  } catch {
    glyph = null; // not a Simple Icons brand
  }
  return remember(brands, slug, glyph);
}

/** The file in `icons.dir`, if there is one by that name (checked at most once a minute). */
export function iconFilePath(name: string, dir: string | undefined): string | null {
  if (!dir || !ICON_FILE.test(name)) return null;
  const full = path.join(dir, name);
  const hit = files.get(full);
  if (hit && Date.now() - hit.at < FILE_TTL_MS) return hit.exists ? full : null;
  const exists = fs.existsSync(full) && fs.statSync(full).isFile();
  remember(files, full, { exists, at: Date.now() });
  return exists ? full : null;
}

export function resolveIcon(value: string | null, cfg: { dir?: string; imageOrigins: string[] }): TileGlyph | null {
  const ref = parseIcon(value);
  switch (ref.kind) {
    case 'brand':
      return brandGlyph(ref.slug);
    case 'url': {
      const origin = originOf(ref.url);
      return origin && cfg.imageOrigins.includes(origin) ? { kind: 'img', src: ref.url } : null;
    }
    case 'file': {
      if (iconFilePath(ref.name, cfg.dir)) return { kind: 'img', src: `/api/icons/${ref.name}` };
      if (cfg.imageOrigins.includes(new URL(DASHBOARD_ICONS).origin)) {
        const ext = ref.name.split('.').pop() as string;
        return { kind: 'img', src: `${DASHBOARD_ICONS}/${ext}/${ref.name}` };
      }
      return brandGlyph(ref.slug);
    }
    default:
      return null;
  }
}

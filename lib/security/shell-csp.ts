// The Content-Security-Policy of the prerendered page shells (issue 15): no nonce (the HTML is the same
// for every request), but the hash of every script the HTML carries: inline ones by their text,
// `<script src>` ones by their SRI `integrity` (Next's `experimental.sri`), which a CSP hash source
// matches (CSP3; Chromium, Firefox ≥ 116). `scripts/shell-csp.ts` writes the manifest after the build.
// Next 16.4 with Turbopack puts `integrity` on its main files only, not on the page's client chunks
// (React writes those tags): the build adds theirs from Next's own SRI manifest (`withIntegrity`).
import { z } from 'zod';

export const SHELL_CSP_FILE = 'shell-csp.json';

/** The scripts of an HTML document: the text of each inline one, the `integrity` of each external one. */
export function scriptsOf(html: string): { inline: string[]; integrity: string[]; unverified: string[] } {
  const out = { inline: [] as string[], integrity: [] as string[], unverified: [] as string[] };
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attrs = m[1];
    const src = /\bsrc="([^"]*)"/i.exec(attrs)?.[1];
    if (src === undefined) {
      if (m[2] !== '') out.inline.push(m[2]);
      continue;
    }
    const integrity = /\bintegrity="([^"]*)"/i.exec(attrs)?.[1];
    if (integrity) out.integrity.push(...integrity.split(/\s+/).filter(Boolean));
    else out.unverified.push(src);
  }
  return out;
}

/** The HTML with an `integrity` on every `<script src>` that lacks one and whose file `integrityOf` knows. */
export function withIntegrity(html: string, integrityOf: (src: string) => string | null): string {
  return html.replace(/<script\b([^>]*)>/gi, (tag: string, attrs: string) => {
    const src = /\bsrc="([^"]*)"/i.exec(attrs)?.[1];
    if (src === undefined || /\bintegrity=/i.test(attrs)) return tag;
    const integrity = integrityOf(src);
    return integrity ? `<script${attrs} integrity="${integrity}">` : tag;
  });
}

/** CSP hash sources for a document's scripts, given a base64 SHA-256 of a string; throws on a
 * `<script src>` without `integrity` (it would be blocked: better a failed build than a blank page). */
export function hashSources(html: string, sha256Base64: (text: string) => string): string[] {
  const s = scriptsOf(html);
  if (s.unverified.length) throw new Error(`scripts without an integrity attribute: ${s.unverified.join(', ')}`);
  const sources = [...s.inline.map((t) => `'sha256-${sha256Base64(t)}'`), ...s.integrity.map((i) => `'${i}'`)];
  return [...new Set(sources)];
}

const Manifest = z.object({ shells: z.record(z.string(), z.array(z.string().regex(/^'sha(256|384|512)-[A-Za-z0-9+/]+={0,2}'$/)).min(1)) });
export type ShellCspManifest = z.infer<typeof Manifest>;

export const shellKey = (locale: string, audience: string) => `${locale}/${audience}`;

/** The manifest's text, validated (null when it is not one: the shell is then answered like any page). */
export function parseShellCspManifest(text: string): ShellCspManifest | null {
  try {
    const r = Manifest.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

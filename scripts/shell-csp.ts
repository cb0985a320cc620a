// After `next build`: the CSP hash sources of each prerendered page shell (lib/security/shell-csp.ts),
// written to .next/shell-csp.json and to the standalone output's copy. Next 16.4 (Turbopack) leaves
// the page's client chunks without `integrity`: each shell's HTML gets theirs here, from Next's own
// SRI manifest. Fails when a shell is missing or carries a script it cannot vouch for.
//   npx tsx scripts/shell-csp.ts [.next]
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hashSources, SHELL_CSP_FILE, shellKey, withIntegrity, type ShellCspManifest } from '../lib/security/shell-csp';
import { SHELLS } from '../lib/shell/audience';

const dir = path.resolve(process.argv[2] ?? '.next');
const outputs = [dir, path.join(dir, 'standalone', '.next')].filter((d) => fs.existsSync(path.join(d, 'server')));
const sha256 = (t: string) => createHash('sha256').update(t, 'utf8').digest('base64');
const sri = JSON.parse(fs.readFileSync(path.join(dir, 'server', 'subresource-integrity-manifest.json'), 'utf8')) as Record<string, string>;
const integrityOf = (src: string) => (src.startsWith('/_next/') ? (sri[src.slice('/_next/'.length)] ?? null) : null);

const manifest: ShellCspManifest = { shells: {} };
for (const { locale, audience } of SHELLS) {
  const rel = path.join('server', 'app', locale, `${audience}.html`);
  if (!fs.existsSync(path.join(dir, rel))) throw new Error(`${path.join(dir, rel)}: no prerendered shell (did / become dynamic?)`);
  const html = withIntegrity(fs.readFileSync(path.join(dir, rel), 'utf8'), integrityOf);
  manifest.shells[shellKey(locale, audience)] = hashSources(html, sha256);
  for (const d of outputs) fs.writeFileSync(path.join(d, rel), html);
}
for (const d of outputs) fs.writeFileSync(path.join(d, SHELL_CSP_FILE), `${JSON.stringify(manifest, null, 1)}\n`);
const hashes = Object.values(manifest.shells).reduce((n, h) => n + h.length, 0);
console.log(`shell-csp: ${Object.keys(manifest.shells).length} shells, ${hashes} hashes → ${outputs.map((d) => path.join(d, SHELL_CSP_FILE)).join(', ')}`);

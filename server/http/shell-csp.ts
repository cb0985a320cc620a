import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { parseShellCspManifest, SHELL_CSP_FILE, shellKey, type ShellCspManifest } from '@/lib/security/shell-csp';

// The build's CSP hashes of the prerendered page shells (scripts/shell-csp.ts), read once. Without the
// file (`next dev`, where nothing is prerendered) the shell is answered like any page: nonce CSP.
let manifest: ShellCspManifest | null | undefined;

export function shellHashes(locale: string, audience: string): string[] | null {
  if (manifest === undefined) {
    try {
      manifest = parseShellCspManifest(fs.readFileSync(path.join(/*turbopackIgnore: true*/ process.cwd(), '.next', SHELL_CSP_FILE), 'utf8'));
    } catch {
      manifest = null;
    }
  }
  return manifest?.shells[shellKey(locale, audience)] ?? null;
}

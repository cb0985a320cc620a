// `npm start`: runs the built standalone panel (`npm run build` first), as the image does. Reads the
// same configuration (homelab.yaml or HOMELAB_CONFIG, env); PORT and HOSTNAME as Next.js takes them.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** glibc malloc, as the Dockerfile sets it: two arenas, large blocks mapped apart, free memory returned. */
const MALLOC_ENV = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072', MALLOC_TRIM_THRESHOLD_: '131072' };
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const server = path.join(root, '.next/standalone/server.js');
if (!fs.existsSync(server)) {
  process.stderr.write('No build found (.next/standalone/server.js): run `npm run build` first.\n');
  process.exit(1);
}
// The standalone server resolves homelab.yaml from its working directory: hand it the absolute path.
const env = { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...process.env };
if (!env.HOMELAB_CONFIG && fs.existsSync(path.join(root, 'homelab.yaml'))) env.HOMELAB_CONFIG = path.join(root, 'homelab.yaml');
// The memory settings of the image and the Deployment (docs/performance.md, "Memory"), unless the
// environment says otherwise: heap bound, young generation, glibc malloc's arenas and trimming.
const heap = [
  ...(/max-old-space-size/.test(env.NODE_OPTIONS ?? '') ? [] : ['--max-old-space-size=256']),
  ...(/max-semi-space-size/.test(env.NODE_OPTIONS ?? '') ? [] : ['--max-semi-space-size=4']),
];
for (const [k, v] of Object.entries(MALLOC_ENV)) env[k] ??= v;
const child = spawn(process.execPath, [...heap, server], { cwd: root, env, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));

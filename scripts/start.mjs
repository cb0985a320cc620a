// `npm start`: runs the built standalone panel (`npm run build` first), as the image does. Reads the
// same configuration (homelab.yaml or HOMELAB_CONFIG, env); PORT and HOSTNAME as Next.js takes them.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const server = path.join(root, '.next/standalone/server.js');
if (!fs.existsSync(server)) {
  process.stderr.write('No build found (.next/standalone/server.js): run `npm run build` first.\n');
  process.exit(1);
}
// The standalone server resolves homelab.yaml from its working directory: hand it the absolute path.
const env = { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...process.env };
if (!env.HOMELAB_CONFIG && fs.existsSync(path.join(root, 'homelab.yaml'))) env.HOMELAB_CONFIG = path.join(root, 'homelab.yaml');
// The heap bound of the image and the Deployment (docs/performance.md), unless NODE_OPTIONS says otherwise.
const heap = /max-old-space-size/.test(env.NODE_OPTIONS ?? '') ? [] : ['--max-old-space-size=256'];
const child = spawn(process.execPath, [...heap, server], { cwd: root, env, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));

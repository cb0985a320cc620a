// `npm run sim -- [--dir .sim] [--endpoints .sim/endpoints.json] [--panel-url http://localhost:3000]
//   [--access-token-ttl 60] [--config-out .sim/homelab.yaml] [--public-url http://localhost:3000]`
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { homelabConfigFromEndpoints } from './config';
import { startSimulator, writeEndpoints } from './index';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: '.sim' },
    endpoints: { type: 'string' },
    'panel-url': { type: 'string', multiple: true },
    'access-token-ttl': { type: 'string', default: '60' },
    'config-out': { type: 'string' },
    'public-url': { type: 'string', default: 'http://localhost:3000' },
    'data-dir': { type: 'string' },
  },
});

const dir = path.resolve(values.dir!);
const publicUrl = values['public-url']!;
const sim = await startSimulator({
  dir,
  panelUrls: values['panel-url'] ?? [publicUrl],
  accessTokenTtlSeconds: Number(values['access-token-ttl']),
});
const endpointsFile = values.endpoints ?? path.join(dir, 'endpoints.json');
writeEndpoints(endpointsFile, sim.endpoints);
if (values['config-out']) {
  const secretFile = path.join(dir, 'auth-secret');
  if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, randomBytes(33).toString('base64'), { mode: 0o600 });
  const yaml = homelabConfigFromEndpoints(sim.endpoints, {
    publicUrl,
    authSecret: fs.readFileSync(secretFile, 'utf8').trim(),
    dataDir: values['data-dir'],
  });
  fs.writeFileSync(values['config-out'], yaml, { mode: 0o600 });
}
process.stdout.write(`simulator ready: ${endpointsFile}\n`);

const stop = async () => {
  await sim.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

// `npm run sim -- [options]` — starts the whole simulated homelab; see docs/simulator.md.
//   --dir .sim                 state folder (git repository, kubeconfigs, endpoints.json)
//   --endpoints FILE           where to write the endpoints and credentials (default <dir>/endpoints.json)
//   --config-out FILE          also write a panel configuration (homelab.yaml) for these endpoints
//   --public-url URL           the panel's URL (OIDC redirect target), default http://localhost:3000
//   --panel-url URL            more allowed panel URLs (repeatable)
//   --access-token-ttl S       access-token lifetime in seconds (default 60)
//   --scale N,M,K              N clusters × M apps × K nodes instead of the seeded homelab
//   --latency MS               latency added to every upstream answer
//   --sync-delay MS            Argo CD sync delay (default 3000)
//   --boot-delay MS            gaming VM guest boot time (default 20000)
//   --no-drift                 keep usage figures still
//   --kubevirt                 the gaming VM runs on KubeVirt in prod (written config: gaming.backend kubevirt)
// Promotion knobs (written into --config-out, so nothing is edited by hand; docs/simulator.md):
//   --soak-minutes N           soak time of every service (default: 24 h), so candidates become ready in a demo
//   --promotion-mode MODE      commit (default) or pull-request
//   --auto-promote S1,S2       auto-promotion for these services, any time of the week
//   --auto-rollback MIN        automatic roll-back after MIN minutes Degraded, every service
//   --degraded-after S         a promotion counts as Degraded after S seconds (default 60)
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { homelabConfigFromEndpoints } from './config';
import { vapidKeys } from './push';
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
    scale: { type: 'string' },
    latency: { type: 'string' },
    'sync-delay': { type: 'string' },
    'boot-delay': { type: 'string' },
    'no-drift': { type: 'boolean', default: false },
    kubevirt: { type: 'boolean', default: false },
    'soak-minutes': { type: 'string' },
    'promotion-mode': { type: 'string' },
    'auto-promote': { type: 'string' },
    'auto-rollback': { type: 'string' },
    'degraded-after': { type: 'string' },
  },
});

/** The `promotion:` block the promotion knobs ask for (undefined: the panel's defaults). */
function promotionKnobs(): Record<string, unknown> | undefined {
  const p: Record<string, unknown> = {};
  if (values['soak-minutes'] !== undefined) p.soakHours = Number(values['soak-minutes']) / 60;
  if (values['promotion-mode'] !== undefined) p.mode = values['promotion-mode'];
  if (values['degraded-after'] !== undefined) p.degradedAfterSeconds = Number(values['degraded-after']);
  if (values['auto-rollback'] !== undefined) p.autoRollback = { enabled: true, afterMinutes: Number(values['auto-rollback']) };
  if (values['auto-promote']) p.services = Object.fromEntries(values['auto-promote'].split(',').map((s) => [s.trim(), { auto: { enabled: true } }]));
  return Object.keys(p).length ? p : undefined;
}

function scaleOption(raw: string | undefined) {
  if (!raw) return undefined;
  const [clusters, appsPerCluster, nodesPerCluster] = raw.split(/[,x×]/).map(Number);
  if (![clusters, appsPerCluster, nodesPerCluster].every((n) => Number.isInteger(n) && n > 0)) {
    throw new Error(`--scale expects N,M,K (clusters, apps per cluster, nodes per cluster), got "${raw}"`);
  }
  return { clusters, appsPerCluster, nodesPerCluster };
}
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));

const dir = path.resolve(values.dir!);
const publicUrl = values['public-url']!;
const sim = await startSimulator({
  dir,
  panelUrls: values['panel-url'] ?? [publicUrl],
  accessTokenTtlSeconds: Number(values['access-token-ttl']),
  scale: scaleOption(values.scale),
  latencyMs: num(values.latency),
  syncDelayMs: num(values['sync-delay']),
  bootDelayMs: num(values['boot-delay']),
  drift: !values['no-drift'],
  kubevirt: values.kubevirt,
});
const endpointsFile = values.endpoints ?? path.join(dir, 'endpoints.json');
writeEndpoints(endpointsFile, sim.endpoints);
if (values['config-out']) {
  const secretFile = path.join(dir, 'auth-secret');
  if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, randomBytes(33).toString('base64'), { mode: 0o600 });
  const vapidFile = path.join(dir, 'vapid.json');
  if (!fs.existsSync(vapidFile)) fs.writeFileSync(vapidFile, JSON.stringify(vapidKeys()), { mode: 0o600 });
  const yaml = homelabConfigFromEndpoints(sim.endpoints, {
    publicUrl,
    authSecret: fs.readFileSync(secretFile, 'utf8').trim(),
    vapid: JSON.parse(fs.readFileSync(vapidFile, 'utf8')) as { publicKey: string; privateKey: string },
    dataDir: values['data-dir'],
    extra: { ...(values.kubevirt ? { gaming: { backend: 'kubevirt' } } : {}), ...(promotionKnobs() ? { promotion: promotionKnobs() } : {}) },
  });
  fs.writeFileSync(values['config-out'], yaml, { mode: 0o600 });
}
process.stdout.write(`simulator ready: ${endpointsFile} (control API ${sim.endpoints.control.url})\n`);

const stop = async () => {
  await sim.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

// log.level of homelab.yaml sets the level of the process logger (LOG_LEVEL still overrides it).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const saved = { HOMELAB_CONFIG: process.env.HOMELAB_CONFIG, LOG_LEVEL: process.env.LOG_LEVEL };
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  vi.resetModules();
});

async function loggerWith(yamlLevel: string, env?: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-level-'));
  const file = path.join(dir, 'homelab.yaml');
  fs.writeFileSync(file, `auth: { issuer: https://kc.home.lan/realms/homelab, clientId: panel, clientSecret: s, secret: ${'x'.repeat(40)} }\nlog: { level: ${yamlLevel} }\n`);
  process.env.HOMELAB_CONFIG = file;
  if (env) process.env.LOG_LEVEL = env;
  else delete process.env.LOG_LEVEL;
  vi.resetModules();
  const { log } = await import('./log');
  fs.rmSync(dir, { recursive: true, force: true });
  return log;
}

describe('log.level', () => {
  it('from homelab.yaml', async () => {
    const log = await loggerWith('debug');
    expect(log.level).toBe('debug');
    expect(log.isLevelEnabled('debug')).toBe(true);
    expect((await loggerWith('warn')).isLevelEnabled('info')).toBe(false);
  });

  it('LOG_LEVEL overrides it', async () => {
    expect((await loggerWith('debug', 'error')).level).toBe('error');
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './env';

const SECRET = 'x'.repeat(40);
const minimal = `
auth:
  issuer: https://sso.example/realms/homelab
  clientId: homelab-panel
  clientSecret: s3cret
  secret: ${SECRET}
`;

function load(yaml: string | null, env: Record<string, string> = {}, files: Record<string, string> = {}) {
  const all: Record<string, string> = { ...files, ...(yaml === null ? {} : { 'homelab.yaml': yaml }) };
  return loadConfig({
    env,
    readFile: (f) => {
      if (!(f in all)) throw new Error('ENOENT');
      return all[f];
    },
    exists: (f) => f in all,
  });
}

const message = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('configuration', () => {
  it('applies defaults to a minimal file', () => {
    const cfg = load(minimal);
    expect(cfg.server.publicUrl).toBe('http://localhost:3000');
    expect(cfg.auth.adminRoles).toEqual(['homelab-admin']);
    expect(cfg.database.embeddedDir).toBe('data/pglite');
    expect(cfg.database.url).toBeUndefined();
    expect(cfg.clusters).toEqual([]);
  });

  it('names a missing key', () => {
    expect(message(() => load(minimal.replace('  clientId: homelab-panel\n', '')))).toMatch(/auth\.clientId: is required/);
  });

  it('names a malformed URL', () => {
    expect(message(() => load(minimal.replace('https://sso.example/realms/homelab', 'sso.example')))).toMatch(/auth\.issuer: expected an http\(s\) URL/);
  });

  it('names a wrong type', () => {
    expect(message(() => load(`${minimal}server:\n  trustProxy: "yes"\n`))).toMatch(/server\.trustProxy/);
  });

  it('checks that the KubeVirt gaming backend has what it needs', () => {
    const kv = `${minimal}gaming:\n  backend: kubevirt\n`;
    const msg = message(() => load(kv));
    expect(msg).toMatch(/gaming\.backend: kubevirt needs the github: block/);
    expect(msg).toMatch(/gaming\.kubevirt\.cluster: .*no cluster named "prod" in clusters:/);
    const ok = `${kv}github:\n  owner: paul\n  repo: homelab\n  token: t0ken\nclusters:\n  - name: prod\n    inCluster: true\n`;
    expect(load(ok).gaming.backend).toBe('kubevirt');
  });

  it('refuses a short session secret', () => {
    expect(message(() => load(minimal.replace(SECRET, 'short')))).toMatch(/auth\.secret: must be at least 32 characters/);
  });

  it('refuses unknown keys (typos)', () => {
    expect(message(() => load(`${minimal}databse:\n  url: postgresql://x/y\n`))).toMatch(/unknown key "databse"/);
  });

  it('refuses a database URL of another kind', () => {
    expect(message(() => load(`${minimal}database:\n  url: mysql://x/y\n`))).toMatch(/database\.url: expected a postgresql:\/\/ URL/);
  });

  it('refuses invalid YAML with the reason', () => {
    expect(message(() => load('auth: [unclosed'))).toMatch(/not valid YAML/);
  });

  it('refuses a Proxmox token id without the realm and token name', () => {
    const y = `${minimal}proxmox:\n  url: https://pve.lan:8006\n  tokenId: panel\n  tokenSecret: abc\n`;
    expect(message(() => load(y))).toMatch(/proxmox\.tokenId: expected USER@REALM!TOKENNAME/);
  });

  it('requires a kubeconfig unless in-cluster, and unique cluster names', () => {
    expect(message(() => load(`${minimal}clusters:\n  - name: prod\n`))).toMatch(/clusters\.prod\.kubeconfig: is required/);
    const dup = `${minimal}clusters:\n  - name: prod\n    inCluster: true\n  - name: prod\n    inCluster: true\n`;
    expect(message(() => load(dup))).toMatch(/"prod" is used twice/);
  });

  it('takes values from the environment over the file, and secrets from *_FILE', () => {
    const cfg = load(minimal, { AUTH_KEYCLOAK_ID: 'from-env', AUTH_KEYCLOAK_SECRET_FILE: '/run/secrets/kc', DATABASE_URL: 'postgres://db/panel' }, { '/run/secrets/kc': 'file-secret\n' });
    expect(cfg.auth.clientId).toBe('from-env');
    expect(cfg.auth.clientSecret).toBe('file-secret');
    expect(cfg.database.url).toBe('postgres://db/panel');
  });

  it('opens the liveness port only when asked (LIVENESS_PORT or load.livenessPort), and names a bad one', () => {
    expect(load(minimal).load.livenessPort).toBeNull();
    expect(load(minimal, { LIVENESS_PORT: '9091' }).load.livenessPort).toBe(9091);
    expect(load(`${minimal}load:\n  livenessPort: 9092\n`).load.livenessPort).toBe(9092);
    expect(message(() => load(minimal, { LIVENESS_PORT: 'ninety' }))).toMatch(/load\.livenessPort/);
  });

  it('reads `{ file: path }` secrets in the YAML', () => {
    const cfg = load(minimal.replace('clientSecret: s3cret', 'clientSecret: { file: /run/secrets/kc }'), {}, { '/run/secrets/kc': 'mounted' });
    expect(cfg.auth.clientSecret).toBe('mounted');
  });

  it('says which secret file cannot be read', () => {
    expect(message(() => load(minimal, { AUTH_SECRET_FILE: '/missing' }))).toMatch(/AUTH_SECRET_FILE: cannot read the file "\/missing"/);
  });

  it('works from the environment alone, with no file', () => {
    const cfg = load(null, { AUTH_KEYCLOAK_ISSUER: 'https://sso.example/realms/x', AUTH_KEYCLOAK_ID: 'p', AUTH_KEYCLOAK_SECRET: 's', AUTH_SECRET: SECRET });
    expect(cfg.auth.issuer).toBe('https://sso.example/realms/x');
  });

  it('names the config file when HOMELAB_CONFIG points nowhere', () => {
    expect(message(() => load(null, { HOMELAB_CONFIG: '/etc/panel.yaml' }))).toMatch(/HOMELAB_CONFIG: cannot read the file "\/etc\/panel.yaml"/);
  });
});

describe('configuration under arbitrary input', () => {
  it('any file content either loads or fails with a ConfigError naming the problem', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v)), fc.constant(minimal)), (text) => {
        try {
          load(text);
        } catch (e) {
          expect(e).toBeInstanceOf(ConfigError);
          expect((e as Error).message).toMatch(/^Invalid configuration: /);
        }
      }),
      { numRuns: 300 },
    );
  });
});

// The examples homelab owners copy (docs/homelab-setup.md): the Keycloak realm export gives the claims
// the panel reads, and the Talos kubeconfig has the shape the simulator writes (and the panel loads).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { writeKubeconfig } from '@/sim/kubernetes/kubeconfig';

const dir = import.meta.dirname;
type Obj = Record<string, unknown>;
/** Every key path of a document, array items merged: its shape without the values. */
const shape = (v: unknown, at = ''): string[] =>
  Array.isArray(v) ? v.flatMap((x) => shape(x, `${at}[]`)) : v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => [`${at}.${k}`, ...shape(x, `${at}.${k}`)]) : [];

describe('docs/examples', () => {
  it('the Keycloak realm: client homelab-panel with the panel callback, groups carrying the roles, mappers for realm_access.roles and groups in the ID token', () => {
    const realm = JSON.parse(fs.readFileSync(path.join(dir, 'homelab-realm.json'), 'utf8')) as Obj & { clients: Obj[]; groups: Obj[] };
    const client = realm.clients.find((c) => c.clientId === 'homelab-panel')!;
    expect(client).toMatchObject({ publicClient: false, standardFlowEnabled: true, directAccessGrantsEnabled: false, redirectUris: ['https://panel.homelab.example/api/auth/callback/keycloak'] });
    expect(realm.groups.map((g) => [g.name, g.realmRoles])).toEqual([['homelab-admin', ['homelab-admin']], ['family', ['family']]]);
    const mappers = (client.protocolMappers as { protocolMapper: string; config: Obj }[]).map((m) => [m.protocolMapper, m.config['claim.name'], m.config['id.token.claim']]);
    expect(mappers).toEqual([['oidc-usermodel-realm-role-mapper', 'realm_access.roles', 'true'], ['oidc-group-membership-mapper', 'groups', 'true']]);
    expect(realm.revokeRefreshToken).toBe(false);
  });

  it('the Talos kubeconfig has the shape of the one the simulator writes', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeconfig-shape-'));
    try {
      const file = await writeKubeconfig({ dir: tmp, file: 'k.yaml', cluster: 'dev', context: 'dev', user: 'dev-admin', server: 'https://127.0.0.1:6443', token: 't', ca: 'PEM' });
      const sim = parse(fs.readFileSync(file, 'utf8'));
      const example = parse(fs.readFileSync(path.join(dir, 'kubeconfig-talos.yaml'), 'utf8'));
      expect(shape(example).sort()).toEqual(shape(sim).sort());
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

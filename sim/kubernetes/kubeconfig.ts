// The kubeconfig a real cluster would hand out (Talos/Omni shape, see docs/homelab-setup.md): the
// HTTPS server, the cluster's CA inline, a bearer token for the user.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';

export async function writeKubeconfig(o: { dir: string; file: string; cluster: string; context: string; user: string; server: string; token: string; ca: string }): Promise<string> {
  await mkdir(o.dir, { recursive: true });
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: o.cluster, cluster: { server: o.server, 'certificate-authority-data': Buffer.from(o.ca).toString('base64') } }],
    users: [{ name: o.user, user: { token: o.token } }],
    contexts: [{ name: o.context, context: { cluster: o.cluster, user: o.user } }],
    'current-context': o.context,
    preferences: {},
  };
  const file = path.join(o.dir, o.file);
  await writeFile(file, stringify(doc), { mode: 0o600 });
  return file;
}

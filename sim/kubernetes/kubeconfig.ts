// The kubeconfig a real cluster would hand out, pointing at the simulator. client-node 1.4 refuses a
// plain http:// server unless the cluster entry sets insecure-skip-tls-verify, hence that flag.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';

export async function writeKubeconfig(o: { dir: string; file: string; cluster: string; context: string; user: string; server: string; token: string }): Promise<string> {
  await mkdir(o.dir, { recursive: true });
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: o.cluster, cluster: { server: o.server, 'insecure-skip-tls-verify': true } }],
    users: [{ name: o.user, user: { token: o.token } }],
    contexts: [{ name: o.context, context: { cluster: o.cluster, user: o.user } }],
    'current-context': o.context,
    preferences: {},
  };
  const file = path.join(o.dir, o.file);
  await writeFile(file, stringify(doc), { mode: 0o600 });
  return file;
}

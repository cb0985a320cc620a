// The homelab simulator: every upstream of the panel as a real HTTP server on 127.0.0.1.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startOidcSim, type OidcSim } from './oidc';
import type { Endpoints } from './types';

export interface SimulatorOptions {
  /** Folder for the simulator's state (git repository, kubeconfigs). */
  dir: string;
  /** Panel base URLs allowed as OIDC redirect targets. */
  panelUrls?: string[];
  accessTokenTtlSeconds?: number;
}

export interface Simulator {
  endpoints: Partial<Endpoints> & Pick<Endpoints, 'oidc'>;
  oidc: OidcSim;
  close(): Promise<void>;
}

export async function startSimulator(opts: SimulatorOptions): Promise<Simulator> {
  fs.mkdirSync(opts.dir, { recursive: true });
  const closers: (() => Promise<void>)[] = [];
  const oidc = await startOidcSim({
    panelUrls: opts.panelUrls,
    accessTokenTtlSeconds: opts.accessTokenTtlSeconds,
    clientSecret: randomBytes(24).toString('base64url'),
  });
  closers.push(() => oidc.close());
  const endpoints: Simulator['endpoints'] = {
    oidc: {
      issuer: oidc.issuer,
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      users: oidc.users.map((u) => ({ username: u.username, password: u.password, name: u.name, role: u.panelRole })),
    },
  };
  return {
    endpoints,
    oidc,
    close: async () => {
      for (const c of closers.reverse()) await c().catch(() => undefined);
    },
  };
}

export function writeEndpoints(file: string, endpoints: Simulator['endpoints']) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(endpoints, null, 2)}\n`, { mode: 0o600 });
}

// Certificates for the simulated homelab, made at start with the openssl CLI (as a homelab owner's
// Talos, Proxmox and Keycloak make theirs): one private CA per upstream, server certificates for
// localhost + 127.0.0.1 signed by it. Cached per process so that tests starting many servers stay fast.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';

export interface CertAuthority {
  name: string;
  /** PEM of the CA certificate (what a client trusts: kubeconfig CA data, `tls.caFile`). */
  cert: string;
  key: string;
  /** The CA certificate written to disk. */
  file: string;
}

export interface ServerTls {
  ca: CertAuthority;
  cert: string;
  key: string;
}

/** The names every simulated server answers to. */
export const SIM_HOSTS = ['localhost', '127.0.0.1'];

let workDir: string | undefined;
function work(): string {
  if (!workDir) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-tls-'));
    workDir = dir;
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  return workDir;
}

function openssl(args: string[], config: string): void {
  const cnf = path.join(work(), `req-${process.pid}-${Math.random().toString(36).slice(2)}.cnf`);
  fs.writeFileSync(cnf, config);
  try {
    execFileSync('openssl', [...args, '-config', cnf], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    const err = (e as { stderr?: Buffer }).stderr?.toString() ?? String(e);
    throw new Error(`openssl failed (is the openssl CLI installed?): ${err.trim()}`);
  } finally {
    fs.rmSync(cnf, { force: true });
  }
}

const san = (hosts: string[]) => hosts.map((h) => (/^[\d.]+$|:/.test(h) ? `IP:${h}` : `DNS:${h}`)).join(',');
const slug = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, '_');

const cas = new Map<string, CertAuthority>();

/** A self-signed CA named `name` (one per name and process). */
export function certAuthority(name: string): CertAuthority {
  const known = cas.get(name);
  if (known) return known;
  const base = path.join(work(), slug(name));
  openssl(
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '3650', '-keyout', `${base}.key`, '-out', `${base}.pem`],
    `[req]\nprompt=no\ndistinguished_name=dn\nx509_extensions=ext\n[dn]\nCN=${name}\nO=homelab simulator\n[ext]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n`,
  );
  const ca = { name, cert: fs.readFileSync(`${base}.pem`, 'utf8'), key: fs.readFileSync(`${base}.key`, 'utf8'), file: `${base}.pem` };
  cas.set(name, ca);
  return ca;
}

const leaves = new Map<string, ServerTls>();

/** A server certificate for `hosts` signed by `ca` (cached per CA and host list). */
export function serverCert(ca: CertAuthority, hosts: string[] = SIM_HOSTS): ServerTls {
  const id = `${ca.name}|${hosts.join(',')}`;
  const known = leaves.get(id);
  if (known) return known;
  const base = path.join(work(), slug(`${ca.name}-${hosts[0]}-${leaves.size}`));
  openssl(
    ['req', '-x509', '-CA', ca.file, '-CAkey', ca.file.replace(/\.pem$/, '.key'), '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '825', '-keyout', `${base}.key`, '-out', `${base}.pem`],
    `[req]\nprompt=no\ndistinguished_name=dn\nx509_extensions=ext\n[dn]\nCN=${hosts[0]}\n[ext]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=${san(hosts)}\nauthorityKeyIdentifier=keyid\n`,
  );
  const tls = { ca, cert: fs.readFileSync(`${base}.pem`, 'utf8'), key: fs.readFileSync(`${base}.key`, 'utf8') };
  leaves.set(id, tls);
  return tls;
}

/** The usual case: a server certificate for localhost/127.0.0.1 under the CA named `caName`. */
export const simTls = (caName: string) => serverCert(certAuthority(caName));

/** Writes the CA certificate of `tls` as `file` in `dir` (e.g. Proxmox's pve-root-ca.pem); returns its path. */
export function writeCa(tls: ServerTls, dir: string, file: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const out = path.join(dir, file);
  fs.writeFileSync(out, tls.ca.cert);
  return out;
}

const fetches = new Map<string, typeof fetch>();

/** A fetch trusting `caPem` (tests and tools of the simulator talking to its HTTPS servers directly). */
export function fetchTrusting(caPem: string): typeof fetch {
  let f = fetches.get(caPem);
  if (!f) {
    const dispatcher = new Agent({ connect: { ca: caPem } });
    f = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => undiciFetch(input as never, { ...(init as object), dispatcher } as never)) as unknown as typeof fetch;
    fetches.set(caPem, f);
  }
  return f;
}

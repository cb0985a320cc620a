// Git smart HTTP for the simulated repository (read only), as github.com serves it: a person can
// `git clone https://x-access-token:<token>@<sim>/paul/homelab.git` and inspect what the panel did.
// Implemented like `git http-backend`: info/refs and upload-pack by `git upload-pack --stateless-rpc`.
import { spawn } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createGunzip } from 'node:zlib';

const ROUTE = /^\/([^/]+)\/([^/]+?)(?:\.git)?\/(info\/refs|git-upload-pack|git-receive-pack)$/;

/** Basic auth as GitHub takes it: any user name, the token as password (or `token` as user name). */
function basicToken(req: IncomingMessage): string | null {
  const m = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (!m) return null;
  const [user, ...rest] = Buffer.from(m[1], 'base64').toString('utf8').split(':');
  const password = rest.join(':');
  return password || user;
}

const pkt = (s: string) => `${(s.length + 4).toString(16).padStart(4, '0')}${s}`;

/**
 * Serves the request when it is a git smart-HTTP one for `owner/repo`; returns false otherwise.
 */
export function serveGit(req: IncomingMessage, res: ServerResponse, url: URL, o: { owner: string; repo: string; path: string; token: string }): boolean {
  const m = ROUTE.exec(url.pathname);
  if (!m || m[1] !== o.owner || m[2] !== o.repo) return false;
  if (basicToken(req) !== o.token) {
    res.writeHead(401, { 'www-authenticate': 'Basic realm="GitHub"', 'content-type': 'text/plain' });
    res.end('Invalid username or token. Password authentication is not supported for Git operations.\n');
    return true;
  }
  const service = m[3] === 'info/refs' ? url.searchParams.get('service') : m[3];
  if (service !== 'git-upload-pack') {
    res.writeHead(403, { 'content-type': 'text/plain' });
    res.end('Write access to the simulated repository is through the API only.\n');
    return true;
  }
  const protocol = String(req.headers['git-protocol'] ?? '');
  const env = { ...process.env, ...(protocol ? { GIT_PROTOCOL: protocol } : {}) };
  const advertise = m[3] === 'info/refs';
  const git = spawn('git', ['upload-pack', '--stateless-rpc', ...(advertise ? ['--advertise-refs'] : []), o.path], { env, stdio: ['pipe', 'pipe', 'ignore'] });
  git.on('error', () => res.destroy());
  res.writeHead(200, {
    'content-type': `application/x-git-upload-pack-${advertise ? 'advertisement' : 'result'}`,
    'cache-control': 'no-cache, max-age=0, must-revalidate',
  });
  // Protocol v0/v1 advertisements start with the service line; v2's capability list does not.
  if (advertise && !protocol.includes('version=2')) res.write(`${pkt('# service=git-upload-pack\n')}0000`);
  git.stdout.pipe(res);
  if (advertise) git.stdin.end();
  else (req.headers['content-encoding'] === 'gzip' ? req.pipe(createGunzip()) : req).pipe(git.stdin);
  return true;
}

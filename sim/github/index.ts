// GitHub REST API simulator backed by a real bare git repository (issue 3, item 5).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Faults } from '../faults';
import { simTls, type ServerTls } from '../tls';
import type { GitOpsRepo, SimServer } from '../types';
import type { Ctx, Route } from './context';
import { HttpError, RateLimit, errorReply, notFound, readJson, send, type Reply } from './http';
import { PullStore } from './pulls';
import { SimRepo } from './repo';
import { serveGit } from './git-http';
import { commitRoutes } from './routes-commits';
import { contentRoutes } from './routes-contents';
import { gitRoutes } from './routes-git';
import { pullRoutes } from './routes-pulls';
import { Shapes } from './shapes';

export interface GithubSimOptions {
  /** Folder the bare repository is created in (`<dir>/<repo>.git`). */
  dir: string;
  owner?: string;
  repo?: string;
  branch?: string;
  /** The only accepted token (`Authorization: token X` or `Bearer X`). */
  token: string;
  faults?: Faults;
  /** Server certificate; default one signed by the simulator's "github" CA. */
  tls?: ServerTls;
  /** Seed DEV ahead of PROD as the catalogue says (default true); false = nothing to promote. */
  gitopsDevAhead?: boolean;
}

export interface GithubSim extends SimServer {
  repo: GitOpsRepo;
  faults: Faults;
  /** Every request received (path without query), in order; lets tests count API calls. */
  calls: { method: string; path: string }[];
}

const OWNER_ID = 1843207;
const REPO_ID = 702114583;
const ROUTES: Route[] = [...commitRoutes, ...contentRoutes, ...gitRoutes, ...pullRoutes];

function authorized(req: IncomingMessage, token: string): boolean {
  const h = req.headers.authorization ?? '';
  const m = /^(?:token|bearer)\s+(.+)$/i.exec(h.trim());
  return m !== null && m[1] === token;
}

export async function startGithubSim(opts: GithubSimOptions): Promise<GithubSim> {
  const owner = opts.owner ?? 'paul';
  const repoName = opts.repo ?? 'homelab';
  const branch = opts.branch ?? 'main';
  const faults = opts.faults ?? new Faults();
  const calls: { method: string; path: string }[] = [];
  const rate = new RateLimit();
  const repo = await SimRepo.create({ dir: opts.dir, repo: repoName, branch, owner, ownerId: OWNER_ID, devAhead: opts.gitopsDevAhead });
  const created = new Date(Date.now() - 400 * 24 * 3600 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  // The API URL is only known once listening; Shapes reads it lazily through this object.
  const identity = { api: '', web: 'https://github.com', owner, ownerId: OWNER_ID, repo: repoName, repoId: REPO_ID, branch, createdAt: created };
  const shapes = new Shapes(identity);
  const pulls = new PullStore(repo, shapes);

  async function dispatch(req: IncomingMessage, url: URL): Promise<Reply> {
    if (!authorized(req, opts.token)) throw new HttpError(401, 'Bad credentials');
    const method = req.method ?? 'GET';
    if (url.pathname === '/user' && method === 'GET') {
      return { status: 200, body: { ...shapes.owner(), name: repo.identity.name, email: null, bio: null, company: null, blog: '', location: null, hireable: null, twitter_username: null, public_repos: 3, public_gists: 0, followers: 2, following: 1, created_at: created, updated_at: created } };
    }
    if (url.pathname === '/rate_limit' && method === 'GET') {
      const core = rate.snapshot();
      const search = { limit: 30, used: 0, remaining: 30, reset: Math.floor(Date.now() / 1000) + 60 };
      const graphql = { ...core, used: 0, remaining: 5000 };
      return { status: 200, body: { resources: { core, search, graphql }, rate: core } };
    }
    const m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(url.pathname);
    if (!m || decodeURIComponent(m[1]) !== owner || decodeURIComponent(m[2]) !== repoName) throw notFound();
    let rest: string;
    try {
      rest = decodeURIComponent(m[3] ?? '').replace(/\/$/, '');
    } catch {
      throw notFound();
    }
    let bodyPromise: Promise<Record<string, unknown>> | null = null;
    const ctx: Ctx = { method, rest, query: url.searchParams, repo, shapes, pulls, body: () => (bodyPromise ??= readJson(req)) };
    for (const r of ROUTES) {
      const rm = r.method === method ? r.pattern.exec(rest) : null;
      if (rm) return r.handle(ctx, rm);
    }
    // GitHub answers unknown paths and unsupported verbs alike with 404.
    throw notFound();
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    calls.push({ method: req.method ?? 'GET', path: url.pathname });
    if (!(await faults.apply(req, res))) return;
    if (serveGit(req, res, url, { owner, repo: repoName, path: repo.path, token: opts.token })) return;
    let reply: Reply;
    try {
      reply = await dispatch(req, url);
    } catch (err) {
      reply = errorReply(err);
    }
    if (!res.destroyed) send(req, res, reply, rate);
  }

  const tls = opts.tls ?? simTls('github');
  const server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `https://127.0.0.1:${port}`;
  identity.api = url;

  return {
    url,
    caFile: tls.ca.file,
    repo,
    faults,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        // Hung requests of a shared Faults belong to their creator; ours we release.
        if (!opts.faults) faults.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

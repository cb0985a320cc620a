import 'server-only';
import { Octokit } from '@octokit/rest';
import { config, type Config } from '../../env';
import { UnavailableError } from '../../errors';
import { fetchFor } from '../../http/tls-fetch';
import { log } from '../../log';
import { boundedFetch, upstreamTimeoutMs } from '../upstream';

// One Octokit per configuration. @octokit/rest has no retry plugin, so 401/403 are never retried;
// every request is bounded by a timeout (a hung GitHub must not hold an approval open).

export type GithubConfig = NonNullable<Config['github']>;

export interface GithubClient {
  octokit: Octokit;
  owner: string;
  repo: string;
  branch: string;
  /** Web URL of the repository, for commit and PR links (derived from the API URL). */
  webUrl: string;
}

// Octokit's default logger writes warnings/errors with console.*; route them to our structured log.
const quietLog = {
  debug: () => undefined,
  info: () => undefined,
  warn: (msg: string) => log.debug({ upstream: 'github' }, msg),
  error: (msg: string) => log.debug({ upstream: 'github' }, msg),
};

export function webUrlFor(apiUrl: string, owner: string, repo: string): string {
  const u = new URL(apiUrl);
  // api.github.com → github.com; GitHub Enterprise (…/api/v3) → its host; the simulator keeps its URL.
  const host = u.hostname === 'api.github.com' ? 'https://github.com' : u.hostname === '127.0.0.1' || u.hostname === 'localhost' ? 'https://github.com' : `${u.protocol}//${u.host}`;
  return `${host}/${owner}/${repo}`;
}

/** `timeoutMs` bounds each request, headers and body (default: `upstreams.timeoutMs`). */
export function connectGithub(cfg: GithubConfig, timeoutMs = upstreamTimeoutMs()): GithubClient {
  const octokit = new Octokit({
    baseUrl: cfg.apiUrl.replace(/\/$/, ''),
    auth: cfg.token,
    userAgent: 'homelab-panel',
    log: quietLog,
    request: { fetch: boundedFetch(fetchFor(cfg.tls, 'github'), 'github', () => timeoutMs) },
  });
  return { octokit, owner: cfg.owner, repo: cfg.repo, branch: cfg.branch, webUrl: webUrlFor(cfg.apiUrl, cfg.owner, cfg.repo) };
}

let cached: GithubClient | undefined;

/** The configured repository's client; 503 with a clear message when `github:` is not configured. */
export function github(): GithubClient {
  if (!cached) {
    const cfg = config().github;
    if (!cfg) throw new UnavailableError('GitHub is not configured (github: in homelab.yaml).');
    cached = connectGithub(cfg);
  }
  return cached;
}

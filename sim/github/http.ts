// HTTP plumbing of the GitHub simulator: GitHub's response headers, error bodies and JSON parsing.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const DOCS = 'https://docs.github.com/rest';

/** Thrown by handlers; rendered as GitHub's `{message, documentation_url, status}` body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const notFound = () => new HttpError(404, 'Not Found');

export function validationFailed(resource: string, message: string, code = 'custom'): HttpError {
  return new HttpError(422, 'Validation Failed', { errors: [{ resource, code, message }] });
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return {};
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not an object');
    return v as Record<string, unknown>;
  } catch {
    throw new HttpError(400, 'Problems parsing JSON');
  }
}

/** Rate-limit bookkeeping so clients that read `x-ratelimit-*` see believable numbers. */
export class RateLimit {
  private used = 0;
  private reset = Math.floor(Date.now() / 1000) + 3600;

  snapshot() {
    return { limit: 5000, used: this.used, remaining: Math.max(0, 5000 - this.used), reset: this.reset };
  }

  headers(): Record<string, string> {
    const now = Math.floor(Date.now() / 1000);
    if (now >= this.reset) {
      this.used = 0;
      this.reset = now + 3600;
    }
    this.used++;
    return {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(Math.max(0, 5000 - this.used)),
      'x-ratelimit-reset': String(this.reset),
      'x-ratelimit-used': String(this.used),
      'x-ratelimit-resource': 'core',
    };
  }
}

function requestId(): string {
  const h = randomBytes(12).toString('hex').toUpperCase();
  return `${h.slice(0, 4)}:${h.slice(4, 8)}:${h.slice(8, 14)}:${h.slice(14, 20)}:${h.slice(20, 24)}${Date.now().toString(16).slice(-4).toUpperCase()}`;
}

export function send(req: IncomingMessage, res: ServerResponse, reply: Reply, rate: RateLimit): void {
  const headers: Record<string, string> = {
    server: 'github.com',
    'x-github-api-version-selected': '2022-11-28',
    'x-github-media-type': 'github.v3; format=json',
    'x-github-request-id': requestId(),
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, max-age=60, s-maxage=60',
    vary: 'Accept, Authorization, Cookie, X-GitHub-OTP',
    ...rate.headers(),
    ...reply.headers,
  };
  if (reply.status === 204 || reply.body === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  let body = reply.body;
  if (reply.status >= 400 && typeof body === 'object' && body !== null && !('documentation_url' in body)) {
    body = { ...body, documentation_url: DOCS, status: String(reply.status) };
  }
  const text = JSON.stringify(body);
  headers['content-type'] = 'application/json; charset=utf-8';
  if (req.method === 'GET' && reply.status === 200) {
    const etag = `W/"${createHash('sha256').update(text).digest('hex').slice(0, 40)}"`;
    headers.etag = etag;
    // Conditional requests, as GitHub answers them (clients use them to save rate limit).
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
  }
  headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(reply.status, headers);
  res.end(text);
}

export function errorReply(err: unknown): Reply {
  if (err instanceof HttpError) return { status: err.status, body: { message: err.message, ...err.extra } };
  const message = err instanceof Error ? err.message : String(err);
  return { status: 500, body: { message: `Server Error: ${message}` } };
}

/** GitHub wraps base64 content at 60 characters per line. */
export function base64Wrapped(buf: Buffer): string {
  const b64 = buf.toString('base64');
  return (b64.match(/.{1,60}/g) ?? []).map((l) => `${l}\n`).join('');
}

export function decodeBase64(s: string): Buffer {
  return Buffer.from(s.replace(/\s+/g, ''), 'base64');
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

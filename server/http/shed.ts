import 'server-only';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { LoadConfig } from '@/lib/protection/config';
import { serveShell } from './shell-door';

// Load shedding at the door: Next's HTTP server emits 'request' for every request, and this hook
// runs before any of Next's work (no routing, no session decode, no body read). Past the bound the
// answer is an immediate 503 with Retry-After; the liveness probe is always served. Event streams
// are long-lived, so they have their own bound instead of holding request slots.

export const SOCKET_IP_HEADER = 'x-panel-socket-ip';
const EXEMPT = new Set(['/api/healthz']);
const STREAM_PATH = '/api/events';

export interface ShedState {
  limits: Pick<LoadConfig, 'maxInFlight' | 'maxStreams' | 'retryAfterSeconds' | 'maxConnections'>;
  inFlight: number;
  streams: number;
  shed: number;
}

const KEY = Symbol.for('homelab-panel.shed');
type Global = typeof globalThis & { [KEY]?: ShedState };

/** The shedder's counters (null before it is installed, e.g. in unit tests). */
export function shedState(): ShedState | null {
  return (globalThis as Global)[KEY] ?? null;
}

function pathOf(url: string | undefined): string {
  const s = url ?? '/';
  const q = s.indexOf('?');
  return q < 0 ? s : s.slice(0, q);
}

/**
 * Server actions: our actions never throw (server/http/respond.ts `actionResult`), so a 500 from Next's
 * action handler means it refused the request itself (a tampered body or action id, a cross-origin
 * post, too large a body) before any of our code ran: that is the caller's error, a 400.
 */
function refuseNot500(res: http.ServerResponse) {
  const writeHead = res.writeHead;
  res.writeHead = function (this: http.ServerResponse, status: number, ...rest: unknown[]) {
    return writeHead.apply(this, [status === 500 ? 400 : status, ...rest] as Parameters<typeof writeHead>);
  } as typeof writeHead;
}

function decodable(path: string): boolean {
  if (!path.includes('%')) return true;
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** Admits a request or answers it; returns whether the server should go on with it. */
export function admit(state: ShedState, req: http.IncomingMessage, res: http.ServerResponse): boolean {
  // The socket's peer, stamped over whatever the client sent under that name (server/http/client-ip.ts).
  req.headers[SOCKET_IP_HEADER] = req.socket?.remoteAddress ?? '';
  const path = pathOf(req.url);
  if (EXEMPT.has(path)) {
    // Liveness is answered here, at the door: no routing, no render, the least event-loop time a
    // busy process can give (app/api/healthz/route.ts answers the same where this hook is absent).
    if (req.method !== 'GET' && req.method !== 'HEAD') return true;
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'x-request-id': randomUUID() });
    res.end(req.method === 'HEAD' ? undefined : '{"status":"ok"}');
    return false;
  }
  if (!decodable(path)) {
    // Next's router would throw decoding it (a 500); it can only be the caller's error.
    res.shouldKeepAlive = false;
    res.writeHead(400, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end('{"error":{"code":"validation","message":"The URL is not validly percent-encoded."}}');
    return false;
  }
  // The signed-in `/` with a session remembered here: the prerendered shell at once (server/http/shell-door.ts).
  if (serveShell(req, res)) return false;
  const stream = path === STREAM_PATH && req.method === 'GET';
  const full = stream ? state.streams >= state.limits.maxStreams : state.inFlight >= state.limits.maxInFlight;
  if (full) {
    state.shed++;
    res.shouldKeepAlive = false;
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': String(state.limits.retryAfterSeconds), 'cache-control': 'no-store' });
    res.end('{"error":{"code":"overloaded","message":"The panel is busy. Try again in a moment."}}');
    return false;
  }
  if (req.method === 'POST' && req.headers['next-action'] !== undefined) refuseNot500(res);
  if (stream) state.streams++;
  else state.inFlight++;
  let done = false;
  res.once('close', () => {
    if (done) return;
    done = true;
    if (stream) state.streams--;
    else state.inFlight--;
  });
  return true;
}

/** Installs the hook once per process; a second call only updates the limits. */
export function installLoadShedding(limits: ShedState['limits']): ShedState {
  const g = globalThis as Global;
  const existing = g[KEY];
  if (existing) {
    existing.limits = limits;
    return existing;
  }
  const state: ShedState = { limits, inFlight: 0, streams: 0, shed: 0 };
  g[KEY] = state;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request' && !admit(state, args[0] as http.IncomingMessage, args[1] as http.ServerResponse)) return true;
    // Open sockets are bounded too: past the bound Node closes new connections as it accepts them, so
    // a flood of connections cannot fill the accept queue (where the liveness probe waits) or the heap.
    if (event === 'connection' && this.maxConnections !== state.limits.maxConnections) this.maxConnections = state.limits.maxConnections;
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
  return state;
}

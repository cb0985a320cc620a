import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';
import { runtime } from './env';

// Structured JSON logs. Anything that looks like a credential is redacted before it is written.
// Lines written while serving a request carry its id (`reqId`): the route wrappers run the request
// in `withRequestId` and the logger's mixin reads it back, so services just use `log`.
export const REDACT_PATHS = [
  'token',
  '*.token',
  'secret',
  '*.secret',
  'password',
  '*.password',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
  'clientSecret',
  '*.clientSecret',
  'tokenSecret',
  '*.tokenSecret',
  'accessToken',
  'refreshToken',
  'idToken',
  'botToken',
  '*.botToken',
];

export const REQUEST_ID_HEADER = 'x-request-id';

interface RequestScope {
  reqId: string;
}

// One store per process, even if the bundler gives two route bundles their own copy of this module.
const g = globalThis as unknown as { __panelRequestScope?: AsyncLocalStorage<RequestScope> };
const scope: AsyncLocalStorage<RequestScope> = (g.__panelRequestScope ??= new AsyncLocalStorage<RequestScope>());

/**
 * The id a caller sent, if it is a sane token (what a proxy or load balancer would set: letters,
 * digits and `-_.:`, 8 to 128 characters), else null. Anything else is replaced, never echoed.
 */
export function parseRequestId(value: string | null | undefined): string | null {
  const v = value?.trim();
  return v && /^[A-Za-z0-9._:-]{8,128}$/.test(v) ? v : null;
}

/** The caller's id when sane, else a fresh one. */
export function requestIdFrom(value: string | null | undefined): string {
  return parseRequestId(value) ?? crypto.randomUUID();
}

/** Runs `fn` as part of the request `reqId`: its log lines carry the id. */
export function withRequestId<T>(reqId: string, fn: () => T): T {
  return scope.run({ reqId }, fn);
}

/** The id of the request being served, if any. */
export function currentRequestId(): string | undefined {
  return scope.getStore()?.reqId;
}

export function createLogger(destination?: pino.DestinationStream) {
  return pino(
    {
      level: runtime.logLevel,
      base: { service: 'homelab-panel' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => {
        const reqId = currentRequestId();
        return reqId ? { reqId } : {};
      },
    },
    destination,
  );
}

export const log = createLogger();

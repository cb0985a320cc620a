import 'server-only';
import { isMessage, msg, type Message } from '@/lib/i18n/message';
import { renderEn } from '@/lib/i18n/render-en';

// Application errors. Adapters map them to HTTP in one place (server/http/respond.ts).

export type ErrorCode = 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'validation' | 'upstream' | 'rate_limited' | 'unavailable';

export class AppError extends Error {
  /** The message as a code + params (lib/i18n/message.ts), for pages that say it in their language. */
  msg?: Message;
  /** `message`: a coded message (said in the viewer's language; `message` is then its English) or plain English. */
  constructor(
    readonly code: ErrorCode,
    message: string | Message,
    readonly details?: Record<string, unknown>,
  ) {
    super(typeof message === 'string' ? message : renderEn(message));
    this.name = 'AppError';
    if (isMessage(message)) this.msg = message;
  }
  /** Attaches the coded form of `message` (sent as `msg` in the error body); returns the error. */
  withMsg(m: Message): this {
    this.msg = m;
    return this;
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message?: string) {
    super('unauthenticated', message ?? 'Sign in first.');
    if (message === undefined) this.withMsg(msg('srv.signInFirst'));
  }
}
export class ForbiddenError extends AppError {
  constructor(message?: string) {
    super('forbidden', message ?? 'You may not do this.');
    if (message === undefined) this.withMsg(msg('srv.forbidden'));
  }
}
export class NotFoundError extends AppError {
  constructor(message: string | Message = 'Not found.') {
    super('not_found', message);
  }
}
export class ConflictError extends AppError {
  constructor(message: string | Message, details?: Record<string, unknown>) {
    super('conflict', message, details);
  }
}
export class ValidationError extends AppError {
  constructor(message: string | Message, details?: Record<string, unknown>) {
    super('validation', message, details);
  }
}
export class UnavailableError extends AppError {
  constructor(message: string) {
    super('unavailable', message);
  }
}
/** A failure of an upstream (Kubernetes, Proxmox, GitHub). Never retried on 401/403. */
export class UpstreamError extends AppError {
  constructor(
    readonly upstream: string,
    readonly status: number | undefined,
    message: string,
  ) {
    super('upstream', message, { upstream, status });
  }
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  validation: 400,
  upstream: 502,
  rate_limited: 429,
  unavailable: 503,
};

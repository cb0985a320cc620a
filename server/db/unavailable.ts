import 'server-only';

// Is this error "the database is away" (down, refusing, hung past the pool's bounds) rather than a
// bad query? Adapters answer those with 503 (`unavailable`), not 500. Prisma 7 with adapter-pg
// reports them as DriverAdapterError / PrismaClientKnownRequestError with the pg error as cause.

const CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P02', '57P03', '53300', '57014']);
const KINDS = new Set(['DatabaseNotReachable', 'DatabaseDoesNotExist', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'TransactionAlreadyClosed']);
const MESSAGES = /Connection terminated|Query read timeout|timeout exceeded when trying to connect|Can't reach database server|connection (?:closed|refused|reset)|ECONNREFUSED|ECONNRESET|socket hang up|Client has encountered a connection error/i;

export function isDatabaseUnavailable(e: unknown): boolean {
  for (let cur = e as Record<string, unknown> | undefined, depth = 0; cur && typeof cur === 'object' && depth < 6; depth++) {
    const code = cur.code ?? cur.originalCode;
    if (typeof code === 'string' && CODES.has(code)) return true;
    if (typeof cur.kind === 'string' && KINDS.has(cur.kind)) return true;
    if (typeof cur.message === 'string' && MESSAGES.test(cur.message)) return true;
    cur = (cur.cause ?? (cur.meta as Record<string, unknown> | undefined)?.driverAdapterError) as Record<string, unknown> | undefined;
  }
  return false;
}

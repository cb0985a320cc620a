import 'server-only';
import type { Role } from '@/lib/roles';
import type { Db } from '../../../db';
import { currentRequestId } from '../../../log';
import { recordAnonymousRefusal } from './record-anonymous-refusal';

// Appends one row to the audit log. Internal: called by other services (and by the guard for refusals),
// never exposed as an entry point of its own. A row written while serving a request carries its id
// (`details.requestId`), the same `reqId` as the log lines and the `x-request-id` answer header.

export interface AuditInput {
  actor: string;
  actorName?: string | null;
  role: Role;
  action: string;
  target?: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  details?: Record<string, unknown>;
  ip?: string | null;
}

export async function recordAudit(db: Db, input: AuditInput): Promise<void> {
  // Without a session anyone can send refusals at will: counted per address and window instead.
  if (input.actor === 'anonymous' && input.outcome === 'denied') return recordAnonymousRefusal(db, input, writeRow);
  return writeRow(db, input);
}

// Requests that wrote an audit row, so the mutation wrapper can audit a refusal or failure that the
// service did not (server/http/mutation.ts). Bounded; on globalThis because Next may bundle this twice.
const audited = ((globalThis as { __panelAudited?: Set<string> }).__panelAudited ??= new Set<string>());

/** PostgreSQL refuses NUL in jsonb: an audit row must never fail on what a caller typed. */
function withoutNul(details: Record<string, unknown>): unknown {
  const json = JSON.stringify(details);
  return json.includes('\\u0000') ? JSON.parse(json.replaceAll('\\u0000', '\\ufffd')) : details;
}

/** Whether this request already has an audit row (and forgets it). */
export function takeAudited(requestId: string | undefined): boolean {
  return requestId ? audited.delete(requestId) : false;
}

async function writeRow(db: Db, input: AuditInput): Promise<void> {
  const requestId = currentRequestId();
  if (requestId) {
    if (audited.size > 10_000) audited.clear();
    audited.add(requestId);
  }
  await db.auditEvent.create({
    data: {
      actor: input.actor,
      actorName: input.actorName ?? null,
      role: input.role,
      action: input.action,
      target: input.target ?? null,
      outcome: input.outcome,
      details: withoutNul(requestId ? { ...input.details, requestId } : (input.details ?? {})) as object,
      ip: input.ip ?? null,
    },
  });
}

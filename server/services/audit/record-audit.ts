import 'server-only';
import type { Role } from '@/lib/roles';
import type { Db } from '../../db';
import { currentRequestId } from '../../log';
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

async function writeRow(db: Db, input: AuditInput): Promise<void> {
  const requestId = currentRequestId();
  await db.auditEvent.create({
    data: {
      actor: input.actor,
      actorName: input.actorName ?? null,
      role: input.role,
      action: input.action,
      target: input.target ?? null,
      outcome: input.outcome,
      details: (requestId ? { ...input.details, requestId } : (input.details ?? {})) as object,
      ip: input.ip ?? null,
    },
  });
}

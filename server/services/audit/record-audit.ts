import 'server-only';
import type { Role } from '@/lib/roles';
import type { Db } from '../../db';

// Appends one row to the audit log. Internal: called by other services (and by the guard for refusals),
// never exposed as an entry point of its own.

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
  await db.auditEvent.create({
    data: {
      actor: input.actor,
      actorName: input.actorName ?? null,
      role: input.role,
      action: input.action,
      target: input.target ?? null,
      outcome: input.outcome,
      details: (input.details ?? {}) as object,
      ip: input.ip ?? null,
    },
  });
}

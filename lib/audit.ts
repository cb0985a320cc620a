import { z } from 'zod';

// The audit log's query (filters + cursor) and its DTO. Shared by the service, the page and the API.

export const AUDIT_OUTCOMES = ['ok', 'denied', 'failed'] as const;

export const AuditQuerySchema = z
  .object({
    actor: z.string().trim().max(200).optional(),
    action: z.string().trim().max(200).optional(),
    outcome: z.enum(AUDIT_OUTCOMES).optional(),
    cursor: z
      .string()
      .regex(/^\d{1,19}$/, 'cursor must be the id of the last row seen')
      .refine((s) => !/^\d{1,19}$/.test(s) || BigInt(s) <= 9_223_372_036_854_775_807n, 'cursor must be the id of the last row seen')
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export type AuditQuery = z.input<typeof AuditQuerySchema>;

export interface AuditEventDto {
  id: string;
  at: string;
  actor: string;
  actorName: string | null;
  role: 'admin' | 'family' | 'none';
  action: string;
  target: string | null;
  outcome: (typeof AUDIT_OUTCOMES)[number];
  details: Record<string, unknown>;
  ip: string | null;
}

export interface AuditPage {
  events: AuditEventDto[];
  nextCursor: string | null;
}

/** Turns URL search params into the raw query object (empty values dropped). */
export function auditQueryFromSearch(params: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['actor', 'action', 'outcome', 'cursor', 'limit']) {
    const v = params[key];
    const s = Array.isArray(v) ? v[0] : v;
    if (s) out[key] = s;
  }
  return out;
}

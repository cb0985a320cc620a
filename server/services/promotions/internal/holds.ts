import 'server-only';
import type { Actor } from '../../../context';
import type { Db } from '../../../db';
import { ConflictError, NotFoundError } from '../../../errors';
import { bus } from '../../../live/events';
import { recordAudit } from '../../audit/internal/record-audit';

// Holds on auto-promotion: a roll-back (by hand or by the policy) holds its services, so the bad
// version is not promoted again by itself, until an admin presses Resume. Internal helpers: the
// callers (roll-back, merge, resume) have authorised their own action.

/** Holds every service of a rolled-back promotion; audits only the holds this call created. */
export async function placeHolds(db: Db, services: string[], promotionId: string, by: Pick<Actor, 'subject' | 'name' | 'role'>, reason: string): Promise<string[]> {
  const created: string[] = [];
  for (const service of services) {
    const r = await db.promotionHold.createMany({ data: [{ service, promotionId, reason, heldBy: by.name }], skipDuplicates: true });
    if (r.count === 1) created.push(service);
  }
  for (const service of created) {
    await recordAudit(db, { actor: by.subject, actorName: by.name, role: by.role, action: 'promotion.hold', target: service, outcome: 'ok', details: { promotionId, reason } });
  }
  if (created.length) bus.publish('promotions', { holds: created }, 'admin', { everyReplica: true });
  return created;
}

export interface Hold {
  heldAt: Date;
  heldBy: string;
  reason: string;
  promotionId: string | null;
}

export async function heldServices(db: Db): Promise<Map<string, Hold>> {
  const rows = await db.promotionHold.findMany();
  return new Map(rows.map((h) => [h.service, { heldAt: h.heldAt, heldBy: h.heldBy, reason: h.reason, promotionId: h.promotionId }]));
}

/** Audits a refused PROD-changing action (a conflict, nothing changed) before it reaches the caller. */
export async function auditRefusal<T>(db: Db, who: Pick<Actor, 'subject' | 'name' | 'role'>, action: string, id: string, ip: string | null, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof ConflictError || e instanceof NotFoundError) {
      await recordAudit(db, { actor: who.subject, actorName: who.name, role: who.role, action, target: id, outcome: 'failed', details: { id, error: e.message }, ip });
    }
    throw e;
  }
}

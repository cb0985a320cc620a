import 'server-only';
import { msg, readStoredMessage, storeMessage, type Message } from '@/lib/i18n/message';
import type { VersionChange } from '@/lib/gitops/candidates';
import { sourcesOf, type PromotionState } from '@/lib/promotions/state';
import type { PromotionDto } from '@/lib/promotions/types';
import type { Db } from '../../../db';
import type { Prisma, Promotion, PromotionEvent } from '../../../generated/prisma/client';
import { bus } from '../../../live/events';

// Rows ↔ DTOs, and the one way a promotion changes state: a conditional UPDATE whose WHERE names the
// states allowed before `to`. Of two concurrent callers (double click, two replicas) exactly one
// gets count = 1; the other learns it lost and must not act.

/** One PROD file a promotion writes, as frozen at preview. */
export interface StoredFile {
  service: string;
  rel: string;
  path: string;
  devPath: string;
  changes: VersionChange[];
  /** Blob sha of the PROD file at preview: the commit is refused if it changed since. */
  expectedSha: string;
  before: string;
  after: string;
  diff: string;
}

export function filesOf(p: Pick<Promotion, 'changes'>): StoredFile[] {
  return p.changes as unknown as StoredFile[];
}

export async function transition(
  db: Db,
  id: string,
  to: PromotionState,
  event: { actor: string | null; message?: Message },
  data: Omit<Prisma.PromotionUpdateManyMutationInput, 'state'> = {},
): Promise<boolean> {
  const r = await db.promotion.updateMany({ where: { id, state: { in: sourcesOf(to) } }, data: { ...data, state: to } });
  if (r.count !== 1) return false;
  await db.promotionEvent.create({ data: { promotionId: id, state: to, actor: event.actor, message: storeMessage(event.message ?? msg(`promo.s.${to}`)) } });
  bus.publish('promotions', { id, state: to }, 'admin', { everyReplica: true });
  return true;
}

type Row = Promotion & { events?: PromotionEvent[]; rollbacks?: { id: string }[] };

export function toDto(p: Row): PromotionDto {
  return {
    id: p.id,
    kind: p.kind,
    state: p.state,
    services: p.services,
    title: p.title,
    files: filesOf(p).map((f) => ({ service: f.service, path: f.path, changes: f.changes, diff: f.diff })),
    baseSha: p.baseSha,
    devSha: p.devSha,
    proposedBy: p.proposedBy,
    approvedByName: p.approvedByName,
    approvedAt: p.approvedAt?.toISOString() ?? null,
    rejectReason: p.rejectReason,
    commitSha: p.commitSha,
    commitUrl: p.commitUrl,
    prNumber: p.prNumber,
    prUrl: p.prUrl,
    rollbackOfId: p.rollbackOfId,
    rollbackIds: (p.rollbacks ?? []).map((r) => r.id),
    error: p.error,
    liveAt: p.liveAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    events: p.events?.map((e) => ({ at: e.at.toISOString(), state: e.state, actor: e.actor, message: readStoredMessage(e.message) ?? msg(`promo.s.${e.state}`) })),
  };
}

export const withDetails = { events: { orderBy: { at: 'asc' as const } }, rollbacks: { select: { id: true } } };

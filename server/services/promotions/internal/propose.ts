import 'server-only';
import { createHash } from 'node:crypto';
import { describeChanges, renderChange, type VersionChange } from '@/lib/gitops/candidates';
import type { PinEdit } from '@/lib/gitops/overlay';
import type { Actor } from '../../../context';
import type { Db } from '../../../db';
import { bus } from '../../../live/events';
import { OPEN_STATES, type PromotionState } from '@/lib/promotions/state';
import type { StoredFile } from './store';

// Creating a `proposed` promotion: the exact new PROD text of every file, frozen with the blob sha it
// was computed from, so that what is approved is exactly what was previewed.

export interface ProposedItem {
  service: string;
  rel: string;
  devPath: string;
  prodPath: string;
  prodText: string;
  prodSha: string;
  changes: VersionChange[];
  edits: PinEdit[];
  /** Every gate passed at preview time. */
  ready: boolean;
}

export type FileWithGates = StoredFile & { ready: boolean };

export function buildFiles(items: ProposedItem[]): FileWithGates[] {
  return items.map((i) => {
    const { after, diff } = renderChange(i.prodPath, i.prodText, i);
    return { service: i.service, rel: i.rel, path: i.prodPath, devPath: i.devPath, changes: i.changes, expectedSha: i.prodSha, before: i.prodText, after, diff, ready: i.ready };
  });
}

export function titleOf(files: StoredFile[], rollback: boolean): string {
  const verb = rollback ? 'rollback' : 'promote';
  const services = [...new Set(files.map((f) => f.service))];
  if (services.length === 1) return `${verb}(${services[0]}): ${describeChanges(files.flatMap((f) => f.changes)).text}`;
  return `${verb}(${services.join(', ')}): ${services.length} services`;
}

/** The exact change (kind, files, the PROD blobs it starts from, the new texts): unique among open rows. */
function keyOf(kind: string, rollbackOfId: string | undefined, files: StoredFile[]): string {
  const parts = files.map((f) => [f.path, f.expectedSha, f.after]).sort((a, b) => a[0].localeCompare(b[0]));
  return createHash('sha256').update(JSON.stringify([kind, rollbackOfId ?? null, parts])).digest('hex');
}

/** The database refused a second open proposal or roll-back (partial unique indexes). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string; cause?: { code?: string } };
  return err?.code === 'P2002' || err?.cause?.code === '23505' || /unique constraint|promotions_one_/i.test(err?.message ?? '');
}

/**
 * Reuses an identical open proposal (a preview opened twice, a double click on the batch button,
 * two replicas) instead of creating a second one: the INSERT is the claim, and its loser joins the
 * winner's row. A roll-back also joins the promotion's one active roll-back.
 */
export async function createProposal(
  db: Db,
  input: { files: FileWithGates[]; baseSha: string; devSha: string; proposedBy: Actor | 'policy'; kind?: 'promote' | 'rollback'; rollbackOfId?: string },
): Promise<string> {
  const services = [...new Set(input.files.map((f) => f.service))].sort();
  const kind = input.kind ?? 'promote';
  const proposalKey = keyOf(kind, input.rollbackOfId, input.files);
  const joinable = async () =>
    db.promotion.findFirst({
      where: { OR: [{ proposalKey, state: { in: [...OPEN_STATES] } }, ...(input.rollbackOfId ? [{ rollbackOfId: input.rollbackOfId, state: { notIn: ['conflict', 'failed', 'rejected'] as PromotionState[] } }] : [])] },
      select: { id: true },
    });
  const same = await joinable();
  if (same) return same.id;
  const by = input.proposedBy === 'policy' ? 'policy' : input.proposedBy.name;
  const p = await db.promotion.create({
    data: {
      proposalKey,
      kind,
      services,
      title: titleOf(input.files, kind === 'rollback'),
      changes: input.files as unknown as object,
      baseSha: input.baseSha,
      devSha: input.devSha,
      proposedBy: by,
      rollbackOfId: input.rollbackOfId ?? null,
      events: { create: { state: 'proposed', actor: by, message: kind === 'rollback' ? 'Roll back proposed' : 'Proposed' } },
    },
  }).catch(async (e: unknown) => {
    if (!isUniqueViolation(e)) throw e;
    const winner = await joinable();
    if (!winner) throw e;
    return { id: winner.id, joined: true as const };
  });
  if ('joined' in p) return p.id;
  bus.publish('promotions', { id: p.id, state: 'proposed' }, 'admin', { everyReplica: true });
  return p.id;
}

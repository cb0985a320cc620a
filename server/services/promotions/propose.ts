import 'server-only';
import { describeChanges, renderChange, type VersionChange } from '@/lib/gitops/candidates';
import type { PinEdit } from '@/lib/gitops/overlay';
import type { Actor } from '../../context';
import type { Db } from '../../db';
import { bus } from '../../live/events';
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

const sameFiles = (a: StoredFile[], b: StoredFile[]) =>
  a.length === b.length && a.every((f) => b.some((g) => g.path === f.path && g.expectedSha === f.expectedSha && g.after === f.after));

/** Reuses an identical open proposal (a preview opened twice) instead of creating a second one. */
export async function createProposal(
  db: Db,
  input: { files: FileWithGates[]; baseSha: string; devSha: string; proposedBy: Actor | 'policy'; kind?: 'promote' | 'rollback'; rollbackOfId?: string },
): Promise<string> {
  const services = [...new Set(input.files.map((f) => f.service))].sort();
  const kind = input.kind ?? 'promote';
  const existing = await db.promotion.findMany({ where: { state: 'proposed', kind, services: { equals: services }, rollbackOfId: input.rollbackOfId ?? null } });
  const same = existing.find((p) => sameFiles(p.changes as unknown as StoredFile[], input.files));
  if (same) return same.id;
  const by = input.proposedBy === 'policy' ? 'policy' : input.proposedBy.name;
  const p = await db.promotion.create({
    data: {
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
  });
  bus.publish('promotions', { id: p.id, state: 'proposed' }, 'admin', { everyReplica: true });
  return p.id;
}

// DTOs and input schemas of promotions, shared by the server and the pages.
import type { Message } from '../i18n/message';
import { z } from 'zod';
import type { VersionChange } from '../gitops/candidates';
import type { Gate } from './gates';
import type { PromotionState } from './state';

export type { VersionChange, Gate, PromotionState };

export interface CandidateDto {
  service: string;
  devPath: string;
  prodPath: string;
  changes: VersionChange[];
  /** `11.4.0 → 11.5.1` */
  summary: string;
  notes: Message[];
  gates: Gate[];
  ready: boolean;
  diff: string;
  /** Why the service's DEV or PROD overlay cannot be read (it is shown, and cannot be promoted); else null. */
  unreadable: string | null;
  /** The open promotion for this service, if any (proposed, in flight or being tracked). */
  open: { id: string; state: PromotionState } | null;
  /** Auto-promotion held after a roll-back, until an admin resumes it. */
  hold?: HoldDto | null;
}

export interface HoldDto {
  service: string;
  heldAt: string;
  heldBy: string;
  reason: string;
  promotionId: string | null;
}

export interface CandidatesDto {
  branch: string;
  head: string;
  mode: 'commit' | 'pull-request';
  candidates: CandidateDto[];
  /** Every held service (also those DEV no longer differs on). */
  holds?: HoldDto[];
  checkedAt: string;
}

export interface PromotionFileDto {
  service: string;
  path: string;
  changes: VersionChange[];
  diff: string;
}

export interface PromotionEventDto {
  at: string;
  state: PromotionState;
  actor: string | null;
  /** Coded (lib/i18n/message.ts); entries written before codes are plain text. */
  message: Message;
}

export interface PromotionDto {
  id: string;
  kind: 'promote' | 'rollback';
  state: PromotionState;
  services: string[];
  title: string;
  files: PromotionFileDto[];
  baseSha: string;
  devSha: string;
  proposedBy: string;
  approvedByName: string | null;
  approvedAt: string | null;
  rejectReason: string | null;
  commitSha: string | null;
  commitUrl: string | null;
  prNumber: number | null;
  prUrl: string | null;
  rollbackOfId: string | null;
  rollbackIds: string[];
  error: string | null;
  liveAt: string | null;
  createdAt: string;
  updatedAt: string;
  events?: PromotionEventDto[];
}

export interface PromotionPage {
  promotions: PromotionDto[];
  nextCursor: string | null;
}

const Id = z.uuid({ error: 'expected a promotion id' });
const Service = z.string().regex(/^[a-z0-9][a-z0-9._/-]{0,100}$/, 'expected a service name like "komga"');

export const PreviewInputSchema = z.object({ services: z.array(Service).min(1, 'choose at least one service').max(50) }).strict();
export const IdInputSchema = z.object({ id: Id }).strict();
export const ApproveInputSchema = z.object({ id: Id, overrideGates: z.boolean().default(false) }).strict();
export const RejectInputSchema = z.object({ id: Id, reason: z.string().trim().min(3, 'say why in a few words').max(500) }).strict();
export const ResumeInputSchema = z.object({ service: Service }).strict();
export const ListInputSchema = z
  .object({
    state: z.enum(['proposed', 'approved', 'committing', 'pr_open', 'merging', 'committed', 'syncing', 'live', 'degraded', 'conflict', 'failed', 'rejected']).optional(),
    service: Service.optional(),
    cursor: z.iso.datetime({ error: 'cursor must be a time' }).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();

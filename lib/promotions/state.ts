// The promotion state machine. The database enforces it too (every transition is a conditional
// UPDATE ... WHERE state IN (allowed sources)); this table is the single definition both use.

export const PROMOTION_STATES = ['proposed', 'approved', 'committing', 'pr_open', 'merging', 'committed', 'syncing', 'live', 'degraded', 'conflict', 'failed', 'rejected'] as const;
export type PromotionState = (typeof PROMOTION_STATES)[number];

const NEXT: Record<PromotionState, readonly PromotionState[]> = {
  proposed: ['approved', 'rejected', 'conflict'],
  approved: ['committing', 'failed'],
  // pr_open: pull-request mode, the change waits on a branch for the merge.
  committing: ['committed', 'pr_open', 'conflict', 'failed'],
  pr_open: ['merging', 'committed', 'rejected', 'conflict', 'failed'],
  // merging: the once-only claim of a merge; back to pr_open when GitHub did not answer.
  merging: ['committed', 'pr_open', 'conflict', 'rejected', 'failed'],
  committed: ['syncing', 'live', 'degraded', 'failed'],
  syncing: ['live', 'degraded', 'failed'],
  // PROD can recover by itself after a slow start; a roll back is its own promotion. A live one
  // is watched for `watchHours` and turns degraded when PROD does.
  degraded: ['live'],
  live: ['degraded'],
  conflict: [],
  failed: [],
  rejected: [],
};

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: PromotionState,
    readonly to: PromotionState,
  ) {
    super(`A promotion that is ${from} cannot become ${to}.`);
    this.name = 'IllegalTransitionError';
  }
}

export function canTransition(from: PromotionState, to: PromotionState): boolean {
  return NEXT[from].includes(to);
}

export function assertTransition(from: PromotionState, to: PromotionState): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
}

/** The states a promotion may be in right before becoming `to` (for conditional UPDATEs). */
export function sourcesOf(to: PromotionState): PromotionState[] {
  return PROMOTION_STATES.filter((s) => NEXT[s].includes(to));
}

export const TERMINAL: readonly PromotionState[] = PROMOTION_STATES.filter((s) => NEXT[s].length === 0);
/** Being written to the repository: the gaming pre-flight waits for these. */
export const IN_FLIGHT: readonly PromotionState[] = ['approved', 'committing'];
/** Committed and followed by the tracking job. */
export const TRACKED: readonly PromotionState[] = ['committed', 'syncing', 'degraded'];
/** PROD-changing actions that a second click joins rather than repeats. */
export const OPEN_STATES: readonly PromotionState[] = ['proposed', 'approved', 'committing', 'pr_open', 'merging'];

/** Plain words for the badge and the timeline. */
export const STATE_WORDS: Record<PromotionState, string> = {
  proposed: 'Waiting for approval',
  approved: 'Approved',
  committing: 'Writing to GitHub',
  pr_open: 'Pull request open',
  merging: 'Merging the pull request',
  committed: 'Committed',
  syncing: 'PROD is syncing',
  live: 'Live',
  degraded: 'Degraded after promotion',
  conflict: 'Conflict — review again',
  failed: 'Failed',
  rejected: 'Rejected',
};

import { Badge, type Tone } from '@/components/ui/badge';
import { STATE_WORDS, type PromotionState } from '@/lib/promotions/state';
import type { GateStatus } from '@/lib/promotions/gates';

const TONE: Record<PromotionState, Tone> = {
  proposed: 'info', approved: 'info', committing: 'info', pr_open: 'info', committed: 'info', syncing: 'info',
  live: 'good', degraded: 'bad', conflict: 'warn', failed: 'bad', rejected: 'neutral',
};

export function StateBadge({ state }: { state: PromotionState }) {
  return (
    <span data-testid="promotion-state" data-state={state}>
      <Badge tone={TONE[state]}>{STATE_WORDS[state]}</Badge>
    </span>
  );
}

const GATE: Record<GateStatus, { tone: Tone; word: string }> = { passed: { tone: 'good', word: 'Passed' }, waiting: { tone: 'warn', word: 'Waiting' }, failed: { tone: 'bad', word: 'Failed' } };

export function GateBadge({ status }: { status: GateStatus }) {
  return <Badge tone={GATE[status].tone}>{GATE[status].word}</Badge>;
}

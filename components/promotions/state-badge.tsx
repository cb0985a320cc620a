'use client';
import { Badge, type Tone } from '@/components/ui/badge';
import type { PromotionState } from '@/lib/promotions/state';
import type { GateStatus } from '@/lib/promotions/gates';
import { useI18n } from '../providers/i18n';

const TONE: Record<PromotionState, Tone> = {
  proposed: 'info', approved: 'info', committing: 'info', pr_open: 'info', merging: 'info', committed: 'info', syncing: 'info',
  live: 'good', degraded: 'bad', conflict: 'warn', failed: 'bad', rejected: 'neutral',
};

export function StateBadge({ state }: { state: PromotionState }) {
  const { t } = useI18n();
  return (
    <span data-testid="promotion-state" data-state={state}>
      <Badge tone={TONE[state]}>{t(`promo.s.${state}`)}</Badge>
    </span>
  );
}

const GATE: Record<GateStatus, Tone> = { passed: 'good', waiting: 'warn', failed: 'bad' };

export function GateBadge({ status }: { status: GateStatus }) {
  const { t } = useI18n();
  return <Badge tone={GATE[status]}>{t(`promo.gate.${status}`)}</Badge>;
}

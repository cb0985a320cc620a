import { describe, expect, it } from 'vitest';
import { inWindow } from './auto';
import { assertTransition, canTransition, IllegalTransitionError, PROMOTION_STATES, sourcesOf, TERMINAL, type PromotionState } from './state';

const LEGAL: [PromotionState, PromotionState][] = [
  ['proposed', 'approved'], ['proposed', 'rejected'], ['proposed', 'conflict'],
  ['approved', 'committing'], ['approved', 'failed'],
  ['committing', 'committed'], ['committing', 'pr_open'], ['committing', 'conflict'], ['committing', 'failed'],
  ['pr_open', 'merging'], ['pr_open', 'committed'], ['pr_open', 'rejected'], ['pr_open', 'conflict'], ['pr_open', 'failed'],
  ['merging', 'committed'], ['merging', 'pr_open'], ['merging', 'conflict'], ['merging', 'rejected'], ['merging', 'failed'],
  ['committed', 'syncing'], ['committed', 'live'], ['committed', 'degraded'], ['committed', 'failed'],
  ['syncing', 'live'], ['syncing', 'degraded'], ['syncing', 'failed'],
  ['degraded', 'live'], ['live', 'degraded'],
];

describe('the promotion state machine', () => {
  it('allows exactly the listed transitions and refuses every other pair', () => {
    for (const from of PROMOTION_STATES) {
      for (const to of PROMOTION_STATES) {
        const legal = LEGAL.some(([a, b]) => a === from && b === to);
        expect(canTransition(from, to), `${from} → ${to}`).toBe(legal);
        if (!legal) expect(() => assertTransition(from, to)).toThrow(IllegalTransitionError);
      }
    }
  });

  it('only approves from proposed, so a second approval finds nothing to update', () => {
    expect(sourcesOf('approved')).toEqual(['proposed']);
    expect(sourcesOf('committing')).toEqual(['approved']);
    expect(sourcesOf('merging')).toEqual(['pr_open']);
    expect(TERMINAL).toEqual(['conflict', 'failed', 'rejected']);
  });
});

describe('auto-promotion windows', () => {
  it('is open only on the named day between the two times (local time)', () => {
    const monday = new Date(2026, 10, 23, 6, 30);
    expect(inWindow(monday, 'mon 06:00-08:00')).toBe(true);
    expect(inWindow(new Date(2026, 10, 23, 8, 0), 'mon 06:00-08:00')).toBe(false);
    expect(inWindow(new Date(2026, 10, 24, 6, 30), 'mon 06:00-08:00')).toBe(false);
    expect(inWindow(monday, undefined)).toBe(true);
  });
});

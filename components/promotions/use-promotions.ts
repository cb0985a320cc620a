'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CandidatesDto, PromotionDto } from '@/lib/promotions/types';

// Data of the promotions pages under ['promotions', …]: every 'promotions' live event invalidates
// that prefix (lib/query-keys.ts), so states change on screen without a reload or a poll.

export const promotionKeys = {
  all: ['promotions'] as const,
  candidates: () => ['promotions', 'candidates'] as const,
  one: (id: string) => ['promotions', 'one', id] as const,
};

export async function call<T>(url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, body === undefined ? { cache: 'no-store' } : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new Error(json?.error?.message ?? `The panel answered ${res.status}.`);
  if (json === null) throw new Error(`The panel answered ${res.status}.`); // a cut body is never data
  return json as T;
}

export function useCandidates(initial: CandidatesDto) {
  return useQuery({ queryKey: promotionKeys.candidates(), queryFn: () => call<CandidatesDto>('/api/promotions/candidates'), initialData: initial });
}

export function usePromotion(initial: PromotionDto) {
  return useQuery({ queryKey: promotionKeys.one(initial.id), queryFn: () => call<PromotionDto>(`/api/promotions/${initial.id}`), initialData: initial });
}

/** A POST that refreshes every promotions query once it has answered. */
export function usePromotionAction<V>(url: (v: V) => string, body: (v: V) => unknown = () => ({})) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: V) => call<PromotionDto>(url(v), body(v)),
    onSettled: () => qc.invalidateQueries({ queryKey: promotionKeys.all }),
  });
}

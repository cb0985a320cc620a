'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CandidatesDto, PromotionDto } from '@/lib/promotions/types';
import { queryKeys } from '@/lib/query-keys';
import { apiFetch } from '../providers/api-fetch';

// Data of the promotions pages under ['promotions', …]: every 'promotions' live event invalidates
// that prefix (lib/query-keys.ts), so states change on screen without a reload or a poll.


export function useCandidates(initial: CandidatesDto) {
  return useQuery({ queryKey: queryKeys.candidates(), queryFn: () => apiFetch<CandidatesDto>('/api/promotions/candidates'), initialData: initial });
}

export function usePromotion(initial: PromotionDto) {
  return useQuery({ queryKey: queryKeys.promotion(initial.id), queryFn: () => apiFetch<PromotionDto>(`/api/promotions/${initial.id}`), initialData: initial });
}

/** A POST that refreshes every promotions query once it has answered. */
export function usePromotionAction<V>(url: (v: V) => string, body: (v: V) => unknown = () => ({})) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: V) => apiFetch<PromotionDto>(url(v), body(v)),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.promotions() }),
  });
}

'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GamingStateDto } from '@/lib/gaming/types';
import { msg } from '@/lib/i18n/message';
import { queryKeys } from '@/lib/query-keys';
import { apiFetch } from '../providers/api-fetch';

// The card's data: GET /api/gaming under the key ['gaming'], which the live event stream invalidates
// on every 'gaming' event (lib/query-keys.ts), and the three mutations with immediate feedback.

const GAMING_KEY = queryKeys.gaming();

/**
 * While the card says the homelab server can't be reached, it asks again every second by itself: a
 * short outage may begin and end between two looks of the server's monitor (which then publishes
 * nothing) and the live 'proxmox' event only comes with the store's next poll (5 s or more), so
 * events alone left the card on "Can't reach" after recovery. Mid-way states are re-read every 3 s
 * as a safety net under the events. Otherwise only events refresh it.
 */
export function gamingRefetchMs(s: GamingStateDto | undefined): number | false {
  if (s?.state === 'unreachable') return 1_000;
  if (s?.state === 'starting' || s?.state === 'booting' || s?.state === 'stopping') return 3_000;
  return false;
}

export function useGamingState() {
  return useQuery({ queryKey: GAMING_KEY, queryFn: () => apiFetch<GamingStateDto>('/api/gaming'), staleTime: 30_000, refetchInterval: (q) => gamingRefetchMs(q.state.data) });
}

type Verb = 'start' | 'stop' | 'extend' | 'ask' | 'allow' | 'hold';
const PENDING: Partial<Record<Verb, GamingStateDto['state']>> = { start: 'starting', stop: 'stopping' };

export function useGamingAction(verb: Verb) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown> = {}) => apiFetch<GamingStateDto>(`/api/gaming/${verb}`, body),
    // Show the next state at once; the server's answer (or the live event) replaces it.
    onMutate: async () => {
      await qc.cancelQueries({ queryKey: GAMING_KEY });
      const prev = qc.getQueryData<GamingStateDto>(GAMING_KEY);
      const next = PENDING[verb];
      if (prev && next) qc.setQueryData<GamingStateDto>(GAMING_KEY, { ...prev, state: next, label: msg(`gaming.state.${next}`), can: { start: false, stop: false, extend: false } });
      return { prev };
    },
    onSuccess: (data) => qc.setQueryData(GAMING_KEY, data),
    onError: (_e, _v, c) => {
      if (c?.prev) qc.setQueryData(GAMING_KEY, c.prev);
      void qc.invalidateQueries({ queryKey: GAMING_KEY });
    },
  });
}

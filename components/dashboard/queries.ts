'use client';
import { useQuery } from '@tanstack/react-query';
import type { AppPage, CapacityDto, ClusterDetailDto, HomeDto } from '@/lib/live/dto';
import type { ClusterSummary } from '@/lib/live/types';
import { queryKeys } from '@/lib/query-keys';
import { apiFetch as getJson } from '../providers/api-fetch';

// The dashboard's queries: first data from the server render (the home screen's: fetched after load), then refetched only when the live
// stream says the topic changed (components/live). No polling.

/** The home screen's data: none in the page (a prerendered shell), fetched after load. */
export function useHome() {
  return useQuery({ queryKey: queryKeys.home(), queryFn: () => getJson<HomeDto>('/api/services/home') });
}

export function useClusters(initial: ClusterSummary[]) {
  return useQuery({ queryKey: queryKeys.clusters(), queryFn: () => getJson<ClusterSummary[]>('/api/clusters'), initialData: initial });
}

export function useCluster(name: string, initial: ClusterDetailDto) {
  return useQuery({ queryKey: queryKeys.cluster(name), queryFn: () => getJson<ClusterDetailDto>(`/api/clusters/${encodeURIComponent(name)}`), initialData: initial });
}

export function useCapacity(initial: CapacityDto) {
  return useQuery({ queryKey: queryKeys.capacity(), queryFn: () => getJson<CapacityDto>('/api/capacity'), initialData: initial });
}

export function useServices(filters: Record<string, string>, initial: AppPage | undefined) {
  const qs = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== '')).toString();
  return useQuery({
    queryKey: queryKeys.services(filters),
    queryFn: () => getJson<AppPage>(`/api/services${qs ? `?${qs}` : ''}`),
    initialData: initial,
    placeholderData: (prev) => prev,
  });
}

'use client';
import { useQuery } from '@tanstack/react-query';
import type { ClusterHistoryDto, MemoryHistoryDto, ServiceHistoryDto } from '@/lib/history/dto';
import { queryKeys } from '@/lib/query-keys';
import { apiFetch } from '../providers/api-fetch';

// History queries: the services' and clusters' refetch on their live topics (lib/query-keys.ts); the memory chart does not.

export function useServiceHistory(initial: ServiceHistoryDto) {
  return useQuery({
    queryKey: queryKeys.serviceHistory(initial.cluster, initial.app),
    queryFn: () => apiFetch<ServiceHistoryDto>(`/api/history/services/${encodeURIComponent(initial.cluster)}/${encodeURIComponent(initial.app)}`),
    initialData: initial,
  });
}

export function useClusterHistory(initial: ClusterHistoryDto) {
  const name = initial.cluster;
  return useQuery({ queryKey: queryKeys.clusterHistory(name), queryFn: () => apiFetch<ClusterHistoryDto>(`/api/history/clusters/${encodeURIComponent(name)}`), initialData: initial });
}

export function useMemoryHistory(initial: MemoryHistoryDto) {
  return useQuery({ queryKey: queryKeys.memoryHistory(), queryFn: () => apiFetch<MemoryHistoryDto>('/api/history/memory'), initialData: initial, staleTime: 60_000 });
}

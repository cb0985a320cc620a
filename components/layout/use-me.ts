'use client';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '@/lib/query-keys';
import type { Actor } from '@/server/context';
import { apiFetch } from '../providers/api-fetch';

/** The signed-in person, for the header of the prerendered pages (no name in their HTML). */
export function useMe() {
  return useQuery({ queryKey: queryKeys.me(), queryFn: () => apiFetch<Actor>('/api/me'), staleTime: Infinity });
}

/** The first word of a name: the account button on phones. */
export const firstName = (name: string) => name.split(/\s+/)[0] ?? name;

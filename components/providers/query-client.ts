'use client';
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { checkSessionAfterError } from './session-check';

// The one QueryClient of the browser tab: the live stream (components/live) patches and
// invalidates it; data never goes stale by age since every change is pushed.

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (e) => {
        if (typeof window !== 'undefined') window.dispatchEvent(new CustomEvent('panel:query-error', { detail: e.message }));
        checkSessionAfterError();
      },
    }),
    mutationCache: new MutationCache({ onError: () => checkSessionAfterError() }),
    defaultOptions: {
      // On the server a finite gcTime leaves a 5-minute timer per query holding the whole client
      // (and its data) after the request ended; Infinity means no timer there.
      queries: { staleTime: Infinity, gcTime: typeof window === 'undefined' ? Infinity : 5 * 60_000, refetchOnWindowFocus: false, retry: 1 },
    },
  });
}

let browserClient: QueryClient | undefined;

/** The tab's client (kept across client-side navigations); a fresh one per render on the server. */
export function getQueryClient(): QueryClient {
  if (typeof window === 'undefined') return createQueryClient();
  return (browserClient ??= createQueryClient());
}

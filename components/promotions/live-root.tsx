'use client';
import { QueryClientContext, QueryClientProvider } from '@tanstack/react-query';
import { useContext } from 'react';
import { useLiveStream } from '@/components/live/use-live-stream';
import { getQueryClient } from '@/components/providers/query-client';

/** The tab's QueryClient (also outside the app providers) and its live stream, for promotions views. */
export function PromotionsLiveRoot({ children }: { children: React.ReactNode }) {
  const outer = useContext(QueryClientContext);
  useLiveStream();
  const own = outer ? null : getQueryClient();
  return own ? <QueryClientProvider client={own}>{children}</QueryClientProvider> : <>{children}</>;
}

'use client';
import { useCallback, useSyncExternalStore } from 'react';

/**
 * The current time rounded down to `everyMs`, re-rendered when it moves on; 0 while server-rendering
 * and hydrating (so server and client HTML agree, times appear once mounted).
 */
export function useNow(everyMs = 10_000): number {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const t = setInterval(onChange, Math.min(everyMs, 1_000));
      return () => clearInterval(t);
    },
    [everyMs],
  );
  return useSyncExternalStore(
    subscribe,
    () => Math.floor(Date.now() / everyMs) * everyMs,
    () => 0,
  );
}

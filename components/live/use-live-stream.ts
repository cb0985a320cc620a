'use client';
import { useEffect, useSyncExternalStore } from 'react';
import { acquireStream, getServerState, getState, subscribeState, type LiveState } from './live-stream';

/** Keeps the tab's live stream open while the calling component is mounted; returns its state. */
export function useLiveStream(): LiveState {
  useEffect(() => acquireStream(), []);
  return useSyncExternalStore(subscribeState, getState, getServerState);
}

import 'server-only';

// How many browsers have the live stream open in this process (Proxmox is polled faster then).
const g = globalThis as unknown as { __panelViewers?: { n: number } };
const state = (g.__panelViewers ??= { n: 0 });

export function viewerCount(): number {
  return state.n;
}

export function viewerJoined(): () => void {
  state.n++;
  let left = false;
  return () => {
    if (!left) state.n--;
    left = true;
  };
}

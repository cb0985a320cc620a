// A TCP fault proxy: forwards a port to a target (the panel's PostgreSQL in the fault suite), and can
// be set down (every connection reset, new ones refused at once) or hung (connections accepted and
// bytes swallowed, nothing answered) without touching the server behind it. Back up: hung
// connections are reset (the client notices and reconnects), new ones forwarded again.
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export type TcpMode = 'up' | 'down' | 'hang';

export interface TcpProxy {
  url: string;
  port: number;
  mode: TcpMode;
  /** Connections accepted so far (a test can see that the client reconnected). */
  accepted: number;
  set(mode: TcpMode): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }, port = 0): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    open.add(s);
    s.on('close', () => open.delete(s));
    s.on('error', () => undefined);
  };
  const resetAll = () => {
    for (const s of open) s.resetAndDestroy();
    open.clear();
  };

  const state = { mode: 'up' as TcpMode, accepted: 0 };
  const server = net.createServer((client) => {
    state.accepted++;
    track(client);
    if (state.mode === 'down') return void client.resetAndDestroy();
    if (state.mode === 'hang') return void client.resume(); // read and drop: the peer waits forever
    const upstream = net.connect(target);
    track(upstream);
    upstream.on('error', () => client.resetAndDestroy());
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('data', () => undefined);
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const bound = (server.address() as AddressInfo).port;

  const proxy: TcpProxy = {
    url: `tcp://127.0.0.1:${bound}`,
    port: bound,
    get mode() {
      return state.mode;
    },
    get accepted() {
      return state.accepted;
    },
    set(mode) {
      const was = state.mode;
      state.mode = mode;
      if (mode === 'down') resetAll();
      // Existing forwarded connections freeze: stop forwarding both ways, swallow what arrives.
      if (mode === 'hang') for (const s of open) s.unpipe();
      if (mode === 'up' && was === 'hang') resetAll();
    },
    async close() {
      resetAll();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  return proxy;
}

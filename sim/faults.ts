// Fault knobs shared by every simulated upstream: latency, error rate/status, down, hang.
// A `Faults` instance is mutated by the control API (sim/control.ts) and read by `withFaults`.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface FaultSettings {
  /** Added before every response, in ms. */
  latencyMs: number;
  /** 0..1: share of requests answered with `errorStatus`. */
  errorRate: number;
  errorStatus: number;
  /** Refuse service: the socket is destroyed at once (like a host that is down). */
  down: boolean;
  /** Accept the request and never answer (the nastiest failure for a dashboard). */
  hang: boolean;
}

export const NO_FAULTS: FaultSettings = { latencyMs: 0, errorRate: 0, errorStatus: 500, down: false, hang: false };

export class Faults {
  settings: FaultSettings = { ...NO_FAULTS };
  private hung = new Set<ServerResponse>();

  set(patch: Partial<FaultSettings>) {
    this.settings = { ...this.settings, ...patch };
    if (!this.settings.hang) this.releaseHung();
  }

  reset() {
    this.set({ ...NO_FAULTS });
  }

  private releaseHung() {
    for (const res of this.hung) res.destroy();
    this.hung.clear();
  }

  /**
   * Applies the faults to one request. Resolves true when the handler should go on, false when the
   * fault already dealt with the response.
   */
  async apply(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const s = this.settings;
    if (s.down) {
      req.socket.destroy();
      return false;
    }
    if (s.hang) {
      this.hung.add(res);
      res.on('close', () => this.hung.delete(res));
      return false;
    }
    if (s.latencyMs > 0) await new Promise((r) => setTimeout(r, s.latencyMs));
    if (s.errorRate > 0 && Math.random() < s.errorRate) {
      res.writeHead(s.errorStatus, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `simulated fault (${s.errorStatus})` }));
      return false;
    }
    return true;
  }

  close() {
    this.releaseHung();
  }
}

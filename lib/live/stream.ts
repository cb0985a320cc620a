// The wire format of /api/events (server-sent events), shared by the server and the browser hook.
/** Sent instead of a replay when the client's Last-Event-ID can't be resumed: refetch everything. */
export const RESET_TOPIC = 'reset';
export const HEARTBEAT_MS = 15_000;

/** Every event is an unnamed SSE message carrying its topic, so the browser receives topics it doesn't know yet. */
export interface StreamMessage {
  id?: string;
  topic: string;
  data: unknown;
}

/** One SSE frame. Data is JSON on one line (JSON never contains a raw newline). */
export function sseFrame(m: StreamMessage): string {
  return `${m.id ? `id: ${m.id}\n` : ''}data: ${JSON.stringify({ topic: m.topic, data: m.data ?? null })}\n\n`;
}

export function parseFrameData(raw: string): { topic: string; data: unknown } | null {
  try {
    const v = JSON.parse(raw) as { topic?: unknown; data?: unknown };
    return typeof v.topic === 'string' ? { topic: v.topic, data: v.data } : null;
  } catch {
    return null;
  }
}

export const sseComment = (text: string) => `: ${text}\n\n`;

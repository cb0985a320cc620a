import { describe, expect, it } from 'vitest';
import { readLimited } from './mutation';

// A chunked body without Content-Length: counted as it arrives, never read whole.
function endless(chunkBytes: number) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      pulled++;
      c.enqueue(new Uint8Array(chunkBytes).fill(0x61));
    },
  });
  return { stream, pulled: () => pulled };
}

describe('the streaming body limit', () => {
  it('stops reading a chunked body as soon as it passes the limit', async () => {
    const body = endless(4096);
    await expect(readLimited(body.stream, 16 * 1024)).rejects.toThrow(/larger than 16384 bytes/);
    expect(body.pulled()).toBeLessThanOrEqual(6); // 16 KiB in 4 KiB chunks, not 200 MB
  });
  it('reads a body within the limit', async () => {
    const text = await readLimited(new Response('{"a":"é"}').body, 16);
    expect(JSON.parse(text)).toEqual({ a: 'é' });
    expect(await readLimited(null, 16)).toBe('');
  });
});

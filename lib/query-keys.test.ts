import { describe, expect, it } from 'vitest';
import { parseFrameData, sseFrame } from './live/stream';
import { keysForTopic, queryKeys } from './query-keys';

describe('live topics → query keys', () => {
  it('maps the dashboard topics to the queries they change', () => {
    expect(keysForTopic('app')).toEqual([['home'], ['services'], ['clusters']]);
    expect(keysForTopic('proxmox')).toEqual([['home'], ['capacity']]);
    expect(queryKeys.cluster('prod')).toEqual(['clusters', 'prod']);
  });

  it("invalidates [topic] for a topic it doesn't know (promotions, gaming, …)", () => {
    expect(keysForTopic('gaming')).toEqual([['gaming']]);
    expect(keysForTopic('promotions')).toEqual([['promotions']]);
  });

  it('frames carry the topic in the data, so unknown topics reach the browser', () => {
    const frame = sseFrame({ id: 'abcd0123-7', topic: 'gaming', data: { state: 'ready' } });
    expect(frame).toBe('id: abcd0123-7\ndata: {"topic":"gaming","data":{"state":"ready"}}\n\n');
    expect(parseFrameData(frame.split('data: ')[1].trim())).toEqual({ topic: 'gaming', data: { state: 'ready' } });
    expect(parseFrameData('not json')).toBeNull();
  });
});

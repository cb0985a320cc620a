import { describe, expect, it } from 'vitest';
import { parseFrameData, sseFrame } from './live/stream';
import { keysForTopic, queryKeys } from './query-keys';

describe('live topics → query keys', () => {
  it('maps the dashboard topics to the queries they change', () => {
    expect(keysForTopic('app')).toEqual([['home'], ['services'], ['clusters']]);
    expect(keysForTopic('proxmox')).toEqual([['home'], ['capacity'], ['gaming']]);
    expect(queryKeys.cluster('prod')).toEqual(['clusters', 'prod']);
    expect(keysForTopic('gaming')).toContainEqual(['gaming']);
    expect(keysForTopic('promotions')).toContainEqual(['promotions']);
    expect(keysForTopic('no-such-topic')).toEqual([]);
  });

  it('frames carry the topic in the data, so unknown topics reach the browser', () => {
    const frame = sseFrame({ id: 'abcd0123-7', topic: 'gaming', data: { state: 'ready' } });
    expect(frame).toBe('id: abcd0123-7\ndata: {"topic":"gaming","data":{"state":"ready"}}\n\n');
    expect(parseFrameData(frame.split('data: ')[1].trim())).toEqual({ topic: 'gaming', data: { state: 'ready' } });
    expect(parseFrameData('not json')).toBeNull();
  });
});

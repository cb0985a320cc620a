import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, parseOverlay } from './gitops/overlay';
import { parseFrameData, sseFrame } from './live/stream';

// Property-based tests of the pure parsers that take outside input: arbitrary input never escapes as
// an unexpected exception — it parses, or fails with the parser's own error.

describe('parsers under arbitrary input', () => {
  it('the overlay parser parses or refuses with an OverlayError, never anything else', () => {
    const yamlish = fc.oneof(
      fc.string(),
      fc.array(fc.constantFrom('images:', 'helmCharts:', '- name: x', '  newTag: "1.2"', '  version: 3', '- 1', 'a: [', '#c', '  digest: sha256:ab', ''), { maxLength: 12 }).map((l) => l.join('\n')),
    );
    fc.assert(
      fc.property(yamlish, (text) => {
        try {
          const pins = parseOverlay(text);
          expect(Array.isArray(pins.images) && Array.isArray(pins.charts)).toBe(true);
        } catch (e) {
          expect((e as Error).name).toBe('OverlayError');
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a tag edit changes only that value and round-trips through the parser', () => {
    const base = '# prod overlay\nimages:\n  # renovate: datasource=docker\n  - name: gotson/komga\n    newTag: "1.15.1"\n';
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,30}$/), (tag) => {
        const out = applyEdits(base, [{ kind: 'image', name: 'gotson/komga', field: 'newTag', to: tag }]);
        expect(parseOverlay(out).images[0].newTag).toBe(tag);
        expect(out.startsWith('# prod overlay\nimages:\n  # renovate: datasource=docker\n  - name: gotson/komga\n')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('SSE frames round-trip, and arbitrary frame data never throws', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.jsonValue(), (topic, data) => {
        const frame = sseFrame({ id: 'abcd1234-1', topic, data });
        const line = frame.split('\n').find((l) => l.startsWith('data: '))!;
        expect(frame.split('\n').filter((l) => l.startsWith('data: '))).toHaveLength(1);
        const parsed = parseFrameData(line.slice(6));
        expect(parsed?.topic).toBe(topic);
      }),
    );
    fc.assert(fc.property(fc.string(), (raw) => void parseFrameData(raw)));
  });
});

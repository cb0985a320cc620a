import { describe, expect, it } from 'vitest';
import { NotFoundError, UnauthenticatedError } from '../../errors';
import { readMetrics } from './read-metrics';

describe('reading the metrics', () => {
  const token = 'a-long-scrape-token-123';
  it('needs the configured bearer token', () => {
    expect(() => readMetrics(null, token)).toThrow(UnauthenticatedError);
    expect(() => readMetrics('Bearer wrong', token)).toThrow(UnauthenticatedError);
    expect(readMetrics(`Bearer ${token}`, token)).toContain('# TYPE');
  });
  it('does not exist without a token in the configuration', () => {
    expect(() => readMetrics(`Bearer ${token}`, undefined)).toThrow(NotFoundError);
  });
});

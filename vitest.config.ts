import { defineConfig } from 'vitest/config';
import path from 'node:path';

const alias = {
  '@': path.resolve(import.meta.dirname),
  'server-only': path.resolve(import.meta.dirname, 'test/server-only-stub.ts'),
};
const exclude = ['node_modules/**', '.next/**', 'e2e/**', 'data/**'];

export default defineConfig({
  test: {
    // Quiet server logs in tests (pino writes to stdout); errors still fail tests through their assertions.
    env: { LOG_LEVEL: 'warn' },
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['**/*.test.ts', '**/*.test.tsx'],
          exclude: [...exclude, '**/*.int.test.ts'],
          setupFiles: ['test/fail-on-console-error.ts'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude,
          setupFiles: ['test/fail-on-console-error.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

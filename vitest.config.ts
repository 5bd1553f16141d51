import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@lico/source'] },
  ssr: { resolve: { conditions: ['@lico/source'] } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'packages/*/node/**/*.test.ts',
      'apps/*/src/**/*.test.ts',
      'apps/*/test/**/*.test.ts',
      'tools/**/*.test.ts',
    ],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});

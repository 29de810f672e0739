// Vitest for `npm run mutation` over a part of the code: MUTATION_TESTS names the unit test files
// that exercise it (comma-separated globs). Stryker 9.6's own `--testFiles` leaves mutants of
// module-level values (regular expressions, formatters) inactive, so they "survive" whatever the
// tests check (stryker-js issue 6144); choosing the files here instead keeps them honest.
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@renderer': resolve('src/renderer/src'),
      '@shared': resolve('src/shared'),
    },
  },
  test: {
    include: (process.env.MUTATION_TESTS ?? 'tests/unit/**/*.test.ts').split(','),
    environment: 'node',
    testTimeout: 30_000,
  },
});

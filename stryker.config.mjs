// `npm run mutation`: StrykerJS plants small bugs (mutants) in the code below, one at a time, and runs
// the unit tests against each; a mutant no test notices ("survived") marks a line the tests do not
// guard. Not part of `npm test`: a full run takes hours on 2 cores. A part, with its tests:
// `MUTATION_TESTS=tests/unit/shared-text.test.ts npx stryker run --mutate src/shared/text.ts --concurrency 1`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // The unit tests only: the e2e project needs a built app and Chromium. A part of the code is
  // measured with the tests that exercise it named in MUTATION_TESTS (see vitest.mutation.config.mjs),
  // not with `--testFiles`, which leaves module-level mutants inactive in Stryker 9.6.
  vitest: process.env.MUTATION_TESTS
    ? { configFile: 'vitest.mutation.config.mjs' }
    : { configFile: 'vitest.config.ts', dir: 'tests/unit' },
  mutate: [
    'src/shared/**/*.ts',
    'src/main/import/**/*.ts',
    'src/main/db/backup.ts',
    'src/main/services/grids/**/*.ts',
    // Types and endpoint tables only: nothing a test could catch.
    '!src/shared/api.ts',
    '!src/shared/ipc-channels.ts',
  ],
  coverageAnalysis: 'perTest',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'test-results/mutation/mutation.html' },
  jsonReporter: { fileName: 'test-results/mutation/mutation.json' },
  // Inside test-results/ (ignored by git, lint and prettier); Stryker leaves its temp folder out of
  // the sandboxes it copies.
  tempDirName: 'test-results/stryker-tmp',
  ignorePatterns: ['out', 'dist', 'release', 'coverage', 'test-results', 'bench/output', '*.sqlite*', '*.pdf'],
  // The unit tests open real SQLite files and read real xlsx and PDFs: slower than Stryker assumes.
  timeoutMS: 30_000,
  thresholds: { high: 80, low: 60, break: null },
};

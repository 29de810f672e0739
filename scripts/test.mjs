#!/usr/bin/env node
// `npm test`: lint, typecheck, Electronegativity, unit tests, renderer build, end-to-end tests in Chromium.
// Ends with one plain line `N passed, N failed` (lint, each typecheck, Electronegativity and the build
// count as one check each).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const resultsDir = path.join(root, 'test-results');
fs.mkdirSync(resultsDir, { recursive: true });

let passed = 0;
let failed = 0;

function run(label, cmd, args) {
  process.stdout.write(`\n=== ${label} ===\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  return r.status === 0;
}

function check(label, cmd, args) {
  const ok = run(label, cmd, args);
  if (ok) passed += 1;
  else failed += 1;
  return ok;
}

function vitest(project) {
  const out = path.join(resultsDir, `${project}.json`);
  fs.rmSync(out, { force: true });
  const ok = run(`${project} tests`, bin('vitest'), [
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  if (!fs.existsSync(out)) {
    failed += 1; // the runner itself failed
    return;
  }
  const report = JSON.parse(fs.readFileSync(out, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // Files that failed to load count as failures too.
  const brokenFiles = (report.testResults ?? []).filter(
    (f) => f.status === 'failed' && f.assertionResults.length === 0,
  );
  failed += brokenFiles.length;
  if (!ok && report.numFailedTests === 0 && brokenFiles.length === 0) failed += 1;
}

check('lint (eslint)', bin('eslint'), ['.']);
check('format (prettier --check)', bin('prettier'), ['--check', '.']);
check('typecheck (main, preload, shared)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.node.json']);
check('typecheck (renderer)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.web.json']);
check('typecheck (tests)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.test.json']);
check('Electron security (electronegativity)', process.execPath, ['scripts/electronegativity.mjs']);
vitest('unit');
const built =
  run('build (electron-vite)', bin('electron-vite'), ['build']) &&
  run('build (CLI)', process.execPath, ['scripts/build-cli.mjs']);
if (built) passed += 1;
else failed += 1;
if (built) vitest('e2e');

process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);

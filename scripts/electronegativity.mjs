#!/usr/bin/env node
// Electronegativity over src/ for the installed Electron version: exits 1 on any HIGH or MEDIUM
// finding, or on a file it could not parse (a file it could not read is a file it did not check).
// A finding that is wrong is silenced beside the code it flags with `/* eng-disable CHECK_ID */`
// and a comment saying why — never here.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity');
const electronVersion = require('electron/package.json').version;
const root = path.resolve(import.meta.dirname, '..');

const result = await run({
  input: path.join(root, 'src'),
  isRelative: true,
  electronVersionOverride: electronVersion,
  // This one asks GitHub whether a newer Electron fixes security bugs: a network call, so its
  // answer changes from day to day and machine to machine. Upgrading Electron is a separate chore.
  excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
});

// Severity values: INFORMATIONAL 0, LOW 1, MEDIUM 2, HIGH 3 (dist/finder/attributes.js).
const MEDIUM = 2;
let failures = 0;
for (const issue of result.issues) {
  const fails = issue.severity.value >= MEDIUM;
  if (fails) failures += 1;
  const review = issue.manualReview ? ' (review)' : '';
  process.stdout.write(
    `${fails ? 'FAIL' : 'note'} ${issue.id} ${issue.severity.name}/${issue.confidence.name}${review} ` +
      `src/${issue.file}:${issue.location.line}:${issue.location.column} ${issue.description}\n`,
  );
}
for (const error of result.errors) {
  if (!error.tolerable) failures += 1;
  process.stdout.write(`${error.tolerable ? 'note' : 'FAIL'} could not parse ${error.file}: ${error.message}\n`);
}
process.stdout.write(
  `Electronegativity (Electron ${electronVersion}, ${result.atomicChecks + result.globalChecks} checks): ` +
    `${result.issues.length} finding(s), ${failures} at MEDIUM or above or unparsed\n`,
);
process.exit(failures === 0 ? 0 : 1);

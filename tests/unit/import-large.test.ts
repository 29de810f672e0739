/**
 * A county's one-sheet household file is large: more than 125,000 records once overflowed the
 * call stack (a sheet's records spread into push()). This one has 130,000 rows; the benchmark
 * (`npm run bench -- import500k`) measures 500,000 for time and memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../src/main/import/run';
import { openTestApp, type TestApp } from '../helpers/context';
import { HOUSEHOLD_HEADER, householdRow } from '../helpers/hostile';

let app: TestApp;
beforeAll(async () => {
  app = await openTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('a large household file', () => {
  it('reads and plans 130,000 rows of one sheet, every record counted', async () => {
    const file = path.join(app.dir, '全县住户.csv');
    const lines = [HOUSEHOLD_HEADER.join(',')];
    for (let i = 1; i <= 130_000; i++)
      lines.push(
        householdRow(i)
          .map((c) => c ?? '')
          .join(','),
      );
    fs.writeFileSync(file, `\ufeff${lines.join('\r\n')}`);
    const r = await runImport(app.ctx.handle.db, file, { dryRun: true });
    expect(r.errors).toEqual([]);
    expect(r.sheets[0]!.records).toBe(130_000);
    expect(r.created.households).toBe(130_000);
    expect(r.committed).toBe(false);
  }, 120_000);
});

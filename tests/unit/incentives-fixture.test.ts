/**
 * A database written by the 0006 app (tests/fixtures/schema/build.ts, plain SQL in that version's
 * columns) is read by today's incentives services: its evaluation sheet, payout batch, rules,
 * shares, 公益岗位 and recommendation come back as the views the pages show.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildFixture } from '../fixtures/schema/build';
import { openTestApp, tempDir, type TestApp } from '../helpers/context';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

async function open06(): Promise<TestApp> {
  const dir = tempDir();
  await buildFixture(path.join(dir, 'griddesk.sqlite'), '0006_incentives');
  app = await openTestApp(dir);
  return app;
}

describe('incentives written by the 0006 schema', () => {
  it('reads the approved sheet and the grade history', async () => {
    const a = await open06();
    const sheet = await a.call('evaluations/sheets/get', { id: 1 });
    expect(sheet).toMatchObject({ status: '已审定', periodLabel: '2025年上半年', approvedBy: '张书记' });
    const line = sheet.lines[0]!;
    expect(line).toMatchObject({ workerName: '王德明', totalX10: 850, grade: '合格' });
    expect(line.items.find((i) => i.key === 'work')).toMatchObject({ suggestedX10: 150, scoreX10: 450 });
    const history = await a.call('evaluations/history', { workerId: 1 });
    expect(history.map((h) => [h.periodLabel, h.grade])).toEqual([['2025年上半年', '合格']]);
  });

  it('reads the payout batch with its evidence, and the rules, shares and posts', async () => {
    const a = await open06();
    const batch = await a.call('subsidies/batches/get', { id: 1 });
    expect(batch).toMatchObject({ status: '已审定', totalFen: 12000, approvedBy: '张会计' });
    expect(batch.lines[0]).toMatchObject({ worker: '王德明', mechanism: 'case', amountFen: 12000 });
    expect(batch.lines[0]!.evidence.map((e) => e.fen)).toEqual([12000]);
    const rules = await a.call('subsidies/rules/list', {});
    expect(rules.find((r) => r.mechanism === 'case' && r.id !== null)?.config).toEqual({
      rates: { 简单: 12000, 一般: 20000, 重大: 30000 },
    });
    expect((await a.call('subsidies/shares/list', { year: null })).map((s) => s.amountFen)).toEqual([600000]);
    expect((await a.call('subsidies/posts/list', { workerId: null })).map((p) => p.post)).toEqual(['护林员']);
    const worker = await a.call('workers/get', { id: 1 });
    expect(worker.bankAccount).toBe('6228480000000000019');
  });

  it('reads the completed award with its steps', async () => {
    const a = await open06();
    const rec = await a.call('recommendations/get', { id: 1 });
    expect(rec).toMatchObject({ status: '已完成', deeds: '调解纠纷 12 起', nextStage: null });
    expect(rec.stepList.map((s) => s.stage)).toEqual(['提名', '授予']);
  });
});

import type { HandlerArgs } from '../../../shared/api';
import { importsApi, type Counts } from '../../../shared/imports';
import { RECORD_KINDS, RECORD_LABELS } from '../../../shared/records';
import type { HandlerContext } from '../../ipc/context';
import { defineHandlers } from '../../ipc/define';

// exceljs, csv-parse and iconv load only when a file is read or written.
const importer = () => import('../../import/run');
const errorWorkbook = () => import('../../excel/error-workbook');
const template = () => import('../../excel/template');

async function importFile({ db, app }: HandlerContext, input: HandlerArgs<'import/analyze'>, dryRun: boolean) {
  const { runImport } = await importer();
  return runImport(db, input.file, {
    kind: input.kind,
    overrides: input.overrides,
    skipInvalid: input.skipInvalid,
    dryRun,
    onProgress: (phase, done, total) =>
      app.emit('progress', {
        task: 'import',
        done,
        total,
        message: phase === 'read' ? '正在读取文件' : '正在写入数据库',
      }),
  });
}

function countsOf(c: Counts, prefix: string) {
  const ledgers = RECORD_KINDS.filter((k) => (c[k] ?? 0) > 0).map((k) => [`${prefix}${RECORD_LABELS[k]}`, c[k]]);
  return {
    [`${prefix}网格`]: c.grids,
    [`${prefix}网格员`]: c.workers,
    [`${prefix}任职`]: c.assignments,
    [`${prefix}住户`]: c.households,
    // Ledger counts only where the file had that ledger: a roster import's log stays as it was.
    ...Object.fromEntries(ledgers),
  };
}

export const importsHandlers = defineHandlers(importsApi, {
  'import/analyze': (ctx, input) => importFile(ctx, input, true),
  'import/commit': async (ctx, input) => {
    const r = await importFile(ctx, input, false);
    if (!r.committed) {
      ctx.audit.nothingChanged();
      return r;
    }
    const name = input.file.split(/[\\/]/).pop() ?? input.file;
    ctx.audit.record({
      entity: r.sheets.some((s) => s.kind && RECORD_KINDS.includes(s.kind as never)) ? '花名册/台账' : '花名册',
      summary: `导入 ${name}${r.errors.length ? `，跳过 ${r.errors.length} 处错误` : ''}`,
      counts: { ...countsOf(r.created, '新增'), ...countsOf(r.updated, '更新') },
    });
    return r;
  },
  'import/errorWorkbook': async (ctx, input) => {
    const r = await importFile(ctx, input, true);
    const headerRows = Object.fromEntries(r.sheets.map((s) => [s.sheet, s.headerRow]));
    // After a commit the file is checked against data it has just written: the rows it skipped are
    // the ones the commit reported, not what a second check would find.
    const errors = input.errors ?? r.errors;
    const { rows } = await (await errorWorkbook()).writeErrorWorkbook(input.file, errors, headerRows, input.out);
    return { file: input.out, rows };
  },
  'import/template': async (_ctx, { out }) => {
    await (await template()).writeTemplate(out);
    return { file: out, rows: 0 };
  },
});

/**
 * GridDesk's command line: the same handlers as the app, without Electron.
 *   npm run cli -- <command> [--db FILE] [options]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { HandlerName, HandlerOutput, HandlerInput } from '../shared/api';
import { LEVEL_ORDINALS } from '../shared/grids';
import { openDatabase } from './db/connection';
import { AppError } from './errors';
import { dispatch } from './ipc/dispatch';
import type { AppContext } from './ipc/context';
import { backupDirFor, DB_FILE, defaultDataDir } from './paths';
import { createDemo } from './services/demo/demo';
import { describeCounts } from './services/grids/grids';
import { runImport, type ImportResult } from './import/run';
import { writeErrorWorkbook } from './excel/error-workbook';
import { exportHouseholds, exportWorkers } from './excel/export';
import { writeTemplate } from './excel/template';
import { gridByCode } from './pdf/data';
import { fontFile } from './pdf/fonts';
import { printBoards, printCards } from './services/print/print';

/** resources/ at the repository root (the CLI runs from the source tree). */
function resourcesDir(): string {
  return path.resolve(import.meta.dirname, '../../resources');
}

const USAGE = `网格工作台命令行（GridDesk CLI）

用法: npm run cli -- <命令> [--db 数据库文件] [选项]

命令:
  demo [--townships N]     创建演示乡镇（默认 1 个；数据库不存在时自动创建）
  grids list [--json]      列出全部网格（按编码排序）
  stats [--json]           统计各级网格、户数和网格员人数
  import FILE [--dry-run] [--json] [--kind workers|households] [--skip-invalid] [--errors-out FILE]
                           导入网格员或住户花名册（.xlsx 或 .csv）；先检查，全部无误才写入
  export roster --out FILE.xlsx [--one-sheet]      导出网格员花名册（默认每村一个工作表）
  export households --out FILE.xlsx [--one-sheet]  导出住户花名册
  template --out FILE.xlsx                          保存导入模板
  print signboard --grid CODE --out FILE.pdf [--paper A4|A3|A2]
                           打印公示牌：村（社区）编码打印该村；镇编码打印全镇各村，每村一节
  print cards --grid CODE --out FILE.pdf [--back] [--per-sheet N]
                           打印该网格下全部住户的联系卡（A4，每页 10 张，带裁切线）

选项:
  --db FILE    数据库文件（默认：${path.join(defaultDataDir(), DB_FILE)}）
  --json       以 JSON 输出（stdout 只有一个 JSON 对象）
  -h, --help   显示本帮助
`;

class UsageError extends Error {}

interface Options {
  db: string;
  json: boolean;
  townships: number;
}

async function withContext<T>(dbPath: string, write: boolean, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  if (!write) {
    if (!fs.existsSync(dbPath)) throw new AppError('DB_INVALID', `找不到数据库文件：${dbPath}`);
    if (fs.statSync(dbPath).isDirectory())
      throw new AppError('DB_INVALID', `这是一个文件夹，不是数据库文件：${dbPath}`);
  } else {
    fs.mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
  }
  const handle = await openDatabase(dbPath, { mustExist: !write });
  const ctx: AppContext = {
    handle,
    backupDir: backupDirFor(dbPath),
    resourcesDir: resourcesDir(),
    version: process.env.npm_package_version ?? '0.0.0',
    openOptions: {},
    emit: () => undefined,
    pickFile: () => Promise.resolve(null),
    saveFile: () => Promise.resolve(null),
    openPath: () => Promise.resolve(),
  };
  try {
    return await fn(ctx);
  } finally {
    await ctx.handle.close();
  }
}

async function call<K extends HandlerName>(
  ctx: AppContext,
  name: K,
  input: HandlerInput<K>,
): Promise<HandlerOutput<K>> {
  const r = await dispatch(ctx, name, input);
  if (!r.ok) throw new AppError(r.error.code, r.error.message);
  return r.value as HandlerOutput<K>;
}

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      json: { type: 'boolean', default: false },
      townships: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'skip-invalid': { type: 'boolean', default: false },
      kind: { type: 'string' },
      out: { type: 'string' },
      'errors-out': { type: 'string' },
      'one-sheet': { type: 'boolean', default: false },
      grid: { type: 'string' },
      paper: { type: 'string' },
      back: { type: 'boolean', default: false },
      'per-sheet': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, sub] = positionals;
  if (values.help || !command) {
    out(USAGE);
    return values.help ? 0 : 2;
  }
  const townships = values.townships === undefined ? 1 : Number(values.townships);
  if (!Number.isInteger(townships) || townships < 1 || townships > 16) {
    throw new UsageError('--townships 应为 1 到 16 之间的整数');
  }
  const opts: Options = {
    db: path.resolve(values.db ?? path.join(defaultDataDir(), DB_FILE)),
    json: values.json ?? false,
    townships,
  };

  switch (command) {
    case 'demo':
      return withContext(opts.db, true, async (ctx) => {
        const r = await createDemo(ctx.handle.db, { townships: opts.townships });
        const stats = await call(ctx, 'stats/get', {});
        if (opts.json) out(JSON.stringify({ ok: true, townships: r.townships, grids: r.grids, stats }));
        else {
          out(
            `已创建演示数据：${r.townships} 个乡镇，共 ${r.grids} 个网格（首个：${r.township.name}，编码 ${r.township.code}）。`,
          );
          out(`数据库：${opts.db}`);
        }
        return 0;
      });
    case 'grids':
      if (sub !== 'list') throw new UsageError(`未知的子命令：grids ${sub ?? ''}（可用：grids list）`);
      return withContext(opts.db, false, async (ctx) => {
        const tree = await call(ctx, 'grids/tree', {});
        if (opts.json) {
          out(JSON.stringify(tree));
          return 0;
        }
        for (const g of tree) {
          const indent = '  '.repeat(g.level - 1);
          const counts = g.level < 4 ? `  [${describeCounts(g.descendants) || '无下级'}]` : '';
          out(`${indent}${g.code}  ${g.name}（${LEVEL_ORDINALS[g.level]}）${counts}`);
        }
        if (tree.length === 0) out('（还没有网格）');
        return 0;
      });
    case 'stats':
      return withContext(opts.db, false, async (ctx) => {
        const s = await call(ctx, 'stats/get', {});
        if (opts.json) out(JSON.stringify(s));
        else {
          out(`一级网格（镇）：${s.grids.level1}`);
          out(`二级网格（村/社区）：${s.grids.level2}`);
          out(`三级网格（村民小组）：${s.grids.level3}`);
          out(`四级网格（户级网格）：${s.grids.level4}`);
          out(`户数：${s.households}`);
          out(`网格员：${s.workers}`);
        }
        return 0;
      });
    case 'import': {
      if (!sub) throw new UsageError('请指定要导入的文件：import FILE');
      const kind = values.kind;
      if (kind !== undefined && kind !== 'workers' && kind !== 'households') {
        throw new UsageError('--kind 只能是 workers 或 households');
      }
      return withContext(opts.db, true, async (ctx) => {
        const r = await runImport(ctx.handle.db, path.resolve(sub), {
          kind,
          dryRun: values['dry-run'],
          skipInvalid: values['skip-invalid'],
        });
        if (values['errors-out'] && r.errors.length) {
          const headerRows = Object.fromEntries(r.sheets.map((s) => [s.sheet, s.headerRow]));
          await writeErrorWorkbook(path.resolve(sub), r.errors, headerRows, path.resolve(values['errors-out']));
        }
        if (opts.json) {
          out(
            JSON.stringify({
              ok: r.ok,
              created: r.created,
              updated: r.updated,
              unchanged: r.unchanged,
              errors: r.errors.map(({ sheet, row, column, message }) => ({ sheet, row, column, message })),
            }),
          );
        } else {
          printImport(r, values['dry-run'] ?? false);
        }
        return r.ok ? 0 : 1;
      });
    }
    case 'export': {
      if (sub !== 'roster' && sub !== 'households')
        throw new UsageError('用法：export roster|households --out FILE.xlsx');
      if (!values.out) throw new UsageError('请用 --out 指定保存的文件，如 --out 花名册.xlsx');
      const file = path.resolve(values.out);
      return withContext(opts.db, false, async (ctx) => {
        const options = { perVillage: !values['one-sheet'] };
        const r =
          sub === 'roster'
            ? await exportWorkers(ctx.handle.db, file, options)
            : await exportHouseholds(ctx.handle.db, file, options);
        if (opts.json) out(JSON.stringify({ ok: true, file, rows: r.rows }));
        else out(`已导出 ${r.rows} 行到 ${file}`);
        return 0;
      });
    }
    case 'print': {
      if (sub !== 'signboard' && sub !== 'cards')
        throw new UsageError('用法：print signboard|cards --grid CODE --out FILE.pdf');
      if (!values.grid) throw new UsageError('请用 --grid 指定网格编码');
      if (!values.out) throw new UsageError('请用 --out 指定保存的 PDF 文件');
      const paper = values.paper ?? 'A3';
      if (!['A4', 'A3', 'A2'].includes(paper)) throw new UsageError('--paper 只能是 A4、A3 或 A2');
      const perSheet = values['per-sheet'] === undefined ? undefined : Number(values['per-sheet']);
      if (perSheet !== undefined && (!Number.isInteger(perSheet) || perSheet < 1 || perSheet > 10)) {
        throw new UsageError('--per-sheet 应为 1 到 10 之间的整数');
      }
      const file = path.resolve(values.out);
      const gridCode = values.grid;
      return withContext(opts.db, false, async (ctx) => {
        const grid = await gridByCode(ctx.handle.db, gridCode);
        const font = fontFile(resourcesDir());
        const r =
          sub === 'signboard'
            ? await printBoards(ctx.handle.db, grid.id, file, font, { paper: paper as 'A4' | 'A3' | 'A2' })
            : await printCards(ctx.handle.db, grid.id, file, font, { back: values.back, perSheet });
        for (const w of r.warnings.slice(0, 20)) process.stderr.write(`提示：${w}\n`);
        if (r.warnings.length > 20) process.stderr.write(`提示：另有 ${r.warnings.length - 20} 条提示\n`);
        if (opts.json) out(JSON.stringify({ ok: true, file, pages: r.pages, warnings: r.warnings.length }));
        else out(`已生成 ${file}（${r.pages} 页）`);
        return 0;
      });
    }
    case 'template': {
      if (!values.out) throw new UsageError('请用 --out 指定保存的文件');
      await writeTemplate(path.resolve(values.out));
      out(`已保存导入模板：${path.resolve(values.out)}`);
      return 0;
    }
    default:
      throw new UsageError(`未知的命令：${command}`);
  }
}

// `grids list | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

function printImport(r: ImportResult, dryRun: boolean): void {
  const line = (label: string, c: ImportResult['created']) =>
    out(`${label}：网格 ${c.grids}，网格员 ${c.workers}，任职 ${c.assignments}，住户 ${c.households}`);
  for (const s of r.sheets) {
    const kind =
      s.kind === 'workers' ? '网格员花名册' : s.kind === 'households' ? '住户花名册' : '（不是花名册，已跳过）';
    out(`工作表“${s.sheet}”：${kind}${s.headerRow ? `，表头在第 ${s.headerRow} 行，${s.records} 条记录` : ''}`);
  }
  line('新增', r.created);
  line('更新', r.updated);
  line('不变', r.unchanged);
  for (const e of r.errors)
    out(`错误：${e.sheet ? `工作表“${e.sheet}” 第 ${e.row} 行 ${e.column}：` : ''}${e.message}`);
  if (r.committed) out(r.ok ? '已全部导入。' : `已导入无误的行，另有 ${r.errors.length} 处错误未导入。`);
  else if (dryRun) out('这是预览（--dry-run），没有写入任何数据。');
  else out(`发现 ${r.errors.length} 处错误，没有导入任何数据。请修改后重新导入，或加 --skip-invalid 只导入无误的行。`);
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof AppError) {
      process.stderr.write(`错误：${e.message}\n`);
      process.exitCode = 2;
    } else if (e instanceof UsageError || (e as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`用法错误：${(e as Error).message}\n\n${USAGE}`);
      process.exitCode = 64;
    } else {
      process.stderr.write(`错误：程序内部错误（${e instanceof Error ? e.message : String(e)}）\n`);
      process.exitCode = 70;
    }
  },
);

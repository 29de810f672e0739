/**
 * The CLI's commands. Each one names the handlers it calls and calls them only through `call`
 * (the dispatcher): the CLI validates and runs exactly what the app does, with paths passed in
 * instead of chosen in dialogs.
 */
import path from 'node:path';
import type { HandlerInput, HandlerName, HandlerOutput } from '../../shared/api';
import { LEVEL_ORDINALS } from '../../shared/grids';
import { SHEET_KIND_LABELS, type ImportResult } from '../../shared/imports';
import { RECORD_KINDS, RECORD_LABELS, type RecordStats } from '../../shared/records';
import type { DatabaseSummary, RestorePreview } from '../../shared/settings';
import { formatDateTime } from '../../shared/dates';
import { formatYuan } from '../../shared/money';
import { MECHANISMS, MECHANISM_LABELS } from '../../shared/subsidies';

export class UsageError extends Error {}

export type DbMode = 'none' | 'read' | 'write';

export type Call = <K extends HandlerName>(name: K, input: HandlerInput<K>) => Promise<HandlerOutput<K>>;

export interface Args {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

export interface Outcome {
  /** 0 done, 1 done with data errors (an import's rows), 2 refused (`error` says why). */
  code: 0 | 1 | 2;
  /** Set when refused: printed after `lines` (on stderr), or as the JSON's error beside `json`. */
  error?: { code: string; message: string };
  /** The one JSON object printed with --json (ok is added). */
  json: Record<string, unknown>;
  /** What a person reads without --json. */
  lines: string[];
  /** Notes for stderr (both modes). */
  notes?: string[];
}

export interface Command {
  name: string;
  usage: string;
  /** none: needs no database (an in-memory one is used); read: must exist; write: created if missing. */
  db: DbMode | ((args: Args) => DbMode);
  /** Every handler the command may call. */
  handlers: HandlerName[];
  run(args: Args, call: Call): Promise<Outcome>;
}

const str = (args: Args, key: string) => {
  const v = args.values[key];
  return typeof v === 'string' ? v : undefined;
};
const flag = (args: Args, key: string) => args.values[key] === true;

function intOption(args: Args, key: string, min: number, max: number): number | undefined {
  const raw = str(args, key);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${key} 应为 ${min} 到 ${max} 之间的整数`);
  return n;
}

function outPath(args: Args, hint: string): string {
  const out = str(args, 'out');
  if (!out) throw new UsageError(`请用 --out 指定保存的文件，如 --out ${hint}`);
  return path.resolve(out);
}

const demo: Command = {
  name: 'demo',
  usage: 'demo [--townships N]     创建演示乡镇（默认 1 个；数据库不存在时自动创建）',
  db: 'write',
  handlers: ['demo/create', 'stats/get'],
  async run(args, call) {
    const r = await call('demo/create', { townships: intOption(args, 'townships', 1, 16) ?? 1 });
    const stats = await call('stats/get', {});
    return {
      code: 0,
      json: { townships: r.townships, grids: r.grids, stats },
      lines: [
        `已创建演示数据：${r.townships} 个乡镇，共 ${r.grids} 个网格（首个：${r.township.name}，编码 ${r.township.code}）。`,
      ],
    };
  },
};

const grids: Command = {
  name: 'grids',
  usage: 'grids list [--json]      列出全部网格（按编码排序）',
  db: 'read',
  handlers: ['grids/tree'],
  async run(args, call) {
    if (args.positionals[1] !== 'list') {
      throw new UsageError(`未知的子命令：grids ${args.positionals[1] ?? ''}（可用：grids list）`);
    }
    const tree = await call('grids/tree', {});
    const lines = tree.map((g) => {
      const counts = g.level < 4 ? `  [${describeLevels(g.descendants) || '无下级'}]` : '';
      return `${'  '.repeat(g.level - 1)}${g.code}  ${g.name}（${LEVEL_ORDINALS[g.level]}）${counts}`;
    });
    return { code: 0, json: { grids: tree }, lines: lines.length ? lines : ['（还没有网格）'] };
  },
};

function describeLevels(c: readonly number[]): string {
  return c
    .map((n, i) => (n > 0 ? `${n} 个${LEVEL_ORDINALS[(i + 1) as 1 | 2 | 3 | 4]}` : ''))
    .filter(Boolean)
    .join('、');
}

const stats: Command = {
  name: 'stats',
  usage: 'stats [--json]           统计各级网格、户数和网格员人数',
  db: 'read',
  handlers: ['stats/get'],
  async run(_args, call) {
    const s = await call('stats/get', {});
    return {
      code: 0,
      json: { ...s },
      lines: [
        `一级网格（镇）：${s.grids.level1}`,
        `二级网格（村/社区）：${s.grids.level2}`,
        `三级网格（村民小组）：${s.grids.level3}`,
        `四级网格（户级网格）：${s.grids.level4}`,
        `户数：${s.households}`,
        `网格员：${s.workers}`,
      ],
    };
  },
};

const importCommand: Command = {
  name: 'import',
  usage: `import FILE [--dry-run] [--json] [--kind workers|households] [--skip-invalid] [--errors-out FILE]
                           导入网格员或住户花名册（.xlsx 或 .csv）；先检查，全部无误才写入`,
  db: 'write',
  handlers: ['import/analyze', 'import/commit', 'import/errorWorkbook'],
  async run(args, call) {
    const file = args.positionals[1];
    if (!file) throw new UsageError('请指定要导入的文件：import FILE');
    const kind = str(args, 'kind');
    if (kind !== undefined && kind !== 'workers' && kind !== 'households') {
      throw new UsageError('--kind 只能是 workers 或 households');
    }
    const dryRun = flag(args, 'dry-run');
    const input = { file: path.resolve(file), kind, skipInvalid: flag(args, 'skip-invalid') } as const;
    const r = await call(dryRun ? 'import/analyze' : 'import/commit', input);
    const errorsOut = str(args, 'errors-out');
    if (errorsOut && r.errors.length) await call('import/errorWorkbook', { ...input, out: path.resolve(errorsOut) });
    const errors = r.errors.map(({ sheet, row, column, person, message }) => ({ sheet, row, column, person, message }));
    return {
      code: r.ok ? 0 : 1,
      json: {
        ok: r.ok,
        committed: r.committed,
        created: r.created,
        updated: r.updated,
        unchanged: r.unchanged,
        errors,
      },
      lines: importLines(r, dryRun),
    };
  },
};

function importLines(r: ImportResult, dryRun: boolean): string[] {
  const lines: string[] = [];
  // Ledger counts only for the ledgers the file holds: a roster import reads as it did.
  const ledgers = RECORD_KINDS.filter((k) => r.sheets.some((s) => s.kind === k));
  const count = (label: string, c: ImportResult['created']) =>
    `${label}：网格 ${c.grids}，网格员 ${c.workers}，任职 ${c.assignments}，住户 ${c.households}` +
    ledgers.map((k) => `，${RECORD_LABELS[k]} ${c[k] ?? 0}`).join('');
  for (const s of r.sheets) {
    const kind = s.kind ? SHEET_KIND_LABELS[s.kind] : '（不是花名册或台账，已跳过）';
    lines.push(`工作表“${s.sheet}”：${kind}${s.headerRow ? `，表头在第 ${s.headerRow} 行，${s.records} 条记录` : ''}`);
  }
  lines.push(count('新增', r.created), count('更新', r.updated), count('不变', r.unchanged));
  for (const e of r.errors) {
    const who = e.person ? `（${e.person}）` : '';
    lines.push(`错误：${e.sheet ? `工作表“${e.sheet}” 第 ${e.row} 行${who} ${e.column}：` : ''}${e.message}`);
  }
  if (r.committed) lines.push(r.ok ? '已全部导入。' : `已导入无误的行，另有 ${r.errors.length} 处错误未导入。`);
  else if (dryRun) lines.push('这是预览（--dry-run），没有写入任何数据。');
  else {
    lines.push(
      `发现 ${r.errors.length} 处错误，没有导入任何数据。请修改后重新导入，或加 --skip-invalid 只导入无误的行。`,
    );
  }
  return lines;
}

const records: Command = {
  name: 'records',
  usage: `records stats --from YYYY-MM-DD --to YYYY-MM-DD [--grid CODE] [--json]
                           统计期间内的矛盾纠纷、信息报告、宣传、服务、走访、培训和微信群（--grid 含其下全部网格）`,
  db: 'read',
  handlers: ['grids/byCode', 'records/stats'],
  async run(args, call) {
    if (args.positionals[1] !== 'stats') {
      throw new UsageError(`未知的子命令：records ${args.positionals[1] ?? ''}（可用：records stats）`);
    }
    const from = str(args, 'from');
    const to = str(args, 'to');
    if (!from || !to) throw new UsageError('请用 --from 和 --to 指定统计期间，如 --from 2026-01-01 --to 2026-11-30');
    const code = str(args, 'grid');
    const grid = code === undefined ? null : await call('grids/byCode', { code });
    const s = await call('records/stats', { from, to, gridId: grid?.id ?? null });
    const where = grid ? `${grid.name}（${grid.code}）及其下全部网格` : '全部网格';
    return { code: 0, json: { ...s }, lines: [`${s.from} 至 ${s.to}，${where}：`, ...recordStatsLines(s)] };
  },
};

function recordStatsLines(s: RecordStats): string[] {
  const d = s.disputes;
  const rate = (v: number | null) => (v === null ? '—' : `${(v / 10).toFixed(1)}%`);
  const list = (o: Record<string, number>) =>
    Object.entries(o)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join('，') || '无';
  return [
    `矛盾纠纷：排查 ${d.found} 件，在办 ${d.inProgress} 件（其中超期 ${d.overdue} 件），已办结 ${d.handled} 件，调解成功 ${d.success} 件`,
    `  调处率（办结/排查）${rate(d.handledRate)}，成功率（成功/办结）${rate(d.successRate)}`,
    `  化解在户级网格 ${d.withinGrid} 件，化解在村内 ${d.withinVillage} 件`,
    `  按类别：${list(d.byCategory)}`,
    `  按化解层级：${list(d.bySettledLevel)}`,
    `信息报告：${s.reports.total} 条，其中重要信息 ${s.reports.important} 条`,
    `政策宣传：${s.publicity.items} 次，覆盖 ${s.publicity.households} 户、${s.publicity.people} 人`,
    `便民服务：${s.services} 次`,
    `走访：${s.visits.logs} 条记录，走访 ${s.visits.households} 户次`,
    `培训例会：${s.trainings.sessions} 场，参加 ${s.trainings.attendance} 人次`,
    `微信群：${s.wechat.groups} 个；没有微信群的户级网格 ${s.wechat.gridsWithout} 个`,
  ];
}

const subsidies: Command = {
  name: 'subsidies',
  usage: `subsidies compute --from YYYY-MM-DD --to YYYY-MM-DD [--grid CODE] [--json]
                           按现行补贴标准计算期间内每名网格员的补贴（以案定补、信息奖励、集体收入切块、公益岗位）`,
  db: 'read',
  handlers: ['grids/byCode', 'subsidies/compute'],
  async run(args, call) {
    if (args.positionals[1] !== 'compute') {
      throw new UsageError(`未知的子命令：subsidies ${args.positionals[1] ?? ''}（可用：subsidies compute）`);
    }
    const { from, to } = periodOptions(args);
    const code = str(args, 'grid');
    const grid = code === undefined ? null : await call('grids/byCode', { code });
    const c = await call('subsidies/compute', { from, to, gridId: grid?.id ?? null });
    const byMechanism = Object.fromEntries(MECHANISMS.map((m) => [MECHANISM_LABELS[m], c.byMechanism[m]]));
    const lines = c.lines.map((l) => ({
      worker: l.worker,
      grids: l.grids,
      mechanism: MECHANISM_LABELS[l.mechanism],
      count: l.count,
      amountFen: l.amountFen,
    }));
    const text = c.lines.map(
      (l) => `${l.village}  ${l.worker}  ${MECHANISM_LABELS[l.mechanism]}  ${l.count}  ${formatYuan(l.amountFen)} 元`,
    );
    const notes = c.unattributed.length
      ? [`提示：${c.unattributed.length} 条记录找不到网格员，未计入补贴（请在记录中补填网格员）`]
      : [];
    return {
      code: 0,
      json: { from: c.from, to: c.to, lines, byMechanism, totalFen: c.totalFen },
      lines: [
        `${c.from} 至 ${c.to}${grid ? `，${grid.name}（${grid.code}）` : ''}：`,
        ...text,
        ...MECHANISMS.map((m) => `${MECHANISM_LABELS[m]}：${formatYuan(c.byMechanism[m])} 元`),
        `合计：${formatYuan(c.totalFen)} 元`,
      ],
      notes,
    };
  },
};

function periodOptions(args: Args): { from: string; to: string } {
  const from = str(args, 'from');
  const to = str(args, 'to');
  if (!from || !to) throw new UsageError('请用 --from 和 --to 指定期间，如 --from 2026-01-01 --to 2026-06-30');
  return { from, to };
}

const exportCommand: Command = {
  name: 'export',
  usage: `export roster --out FILE.xlsx [--one-sheet]      导出网格员花名册（默认每村一个工作表）
  export households --out FILE.xlsx [--one-sheet]  导出住户花名册
  export payout --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.xlsx [--grid CODE]
                                                   导出期间的补贴发放表（身份证号、银行账号部分隐藏）`,
  db: 'read',
  handlers: ['export/workers', 'export/households', 'grids/byCode', 'subsidies/exportPeriod'],
  async run(args, call) {
    const sub = args.positionals[1];
    if (sub === 'payout') return exportPayout(args, call);
    if (sub !== 'roster' && sub !== 'households')
      throw new UsageError('用法：export roster|households|payout --out FILE.xlsx');
    const input = { out: outPath(args, '花名册.xlsx'), perVillage: !flag(args, 'one-sheet') };
    const r = await call(sub === 'roster' ? 'export/workers' : 'export/households', input);
    return { code: 0, json: { file: r.file, rows: r.rows }, lines: [`已导出 ${r.rows} 行到 ${r.file}`] };
  },
};

async function exportPayout(args: Args, call: Call): Promise<Outcome> {
  const { from, to } = periodOptions(args);
  const out = outPath(args, '补贴发放表.xlsx');
  const code = str(args, 'grid');
  const grid = code === undefined ? null : await call('grids/byCode', { code });
  const r = await call('subsidies/exportPeriod', { from, to, gridId: grid?.id ?? null, out, fullIdNumbers: false });
  return {
    code: 0,
    json: { file: r.file, rows: r.rows },
    lines: [`已导出 ${r.rows} 名网格员的补贴发放表到 ${r.file}`],
  };
}

const template: Command = {
  name: 'template',
  usage: 'template --out FILE.xlsx                          保存导入模板',
  db: 'none',
  handlers: ['import/template'],
  async run(args, call) {
    const r = await call('import/template', { out: outPath(args, '导入模板.xlsx') });
    return { code: 0, json: { file: r.file }, lines: [`已保存导入模板：${r.file}`] };
  },
};

const print: Command = {
  name: 'print',
  usage: `print signboard --grid CODE --out FILE.pdf [--paper A4|A3|A2]
                           打印公示牌：村（社区）编码打印该村；镇编码打印全镇各村，每村一节
  print cards --grid CODE --out FILE.pdf [--back] [--per-sheet N]
                           打印该网格下全部住户的联系卡（A4，每页 10 张，带裁切线）`,
  db: 'read',
  handlers: ['grids/byCode', 'print/signboard', 'print/cards'],
  async run(args, call) {
    const sub = args.positionals[1];
    if (sub !== 'signboard' && sub !== 'cards') {
      throw new UsageError('用法：print signboard|cards --grid CODE --out FILE.pdf');
    }
    const code = str(args, 'grid');
    if (!code) throw new UsageError('请用 --grid 指定网格编码');
    const out = outPath(args, '公示牌.pdf');
    const paper = str(args, 'paper') ?? 'A3';
    if (paper !== 'A4' && paper !== 'A3' && paper !== 'A2') throw new UsageError('--paper 只能是 A4、A3 或 A2');
    const perSheet = intOption(args, 'per-sheet', 1, 10);
    const grid = await call('grids/byCode', { code });
    const r =
      sub === 'signboard'
        ? await call('print/signboard', { gridId: grid.id, out, paper })
        : await call('print/cards', { gridId: grid.id, out, back: flag(args, 'back'), perSheet });
    const notes = r.warnings.slice(0, 20).map((w) => `提示：${w}`);
    if (r.warnings.length > 20) notes.push(`提示：另有 ${r.warnings.length - 20} 条提示`);
    return {
      code: 0,
      json: { file: r.file, pages: r.pages, warnings: r.warnings.length },
      lines: [`已生成 ${r.file}（${r.pages} 页）`],
      notes,
    };
  },
};

const log: Command = {
  name: 'log',
  usage: `log [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--limit N]   查看操作日志（最新在前）
  log --out FILE.xlsx [--from …] [--to …]       导出操作日志`,
  db: 'read',
  handlers: ['audit/list', 'audit/export'],
  async run(args, call) {
    const filter = { from: str(args, 'from'), to: str(args, 'to') };
    if (str(args, 'out')) {
      const r = await call('audit/export', { ...filter, out: outPath(args, '操作日志.xlsx') });
      return { code: 0, json: { file: r.file, rows: r.rows }, lines: [`已导出 ${r.rows} 条操作日志到 ${r.file}`] };
    }
    const r = await call('audit/list', { ...filter, page: 1, pageSize: intOption(args, 'limit', 1, 500) ?? 50 });
    const lines = r.rows.map(
      (e) =>
        `${formatDateTime(e.at)}  ${e.actor}  ${e.action}  ${e.summary}${e.counts ? `  ${countsText(e.counts)}` : ''}`,
    );
    lines.push(`共 ${r.total} 条${r.total > r.rows.length ? `，显示最新 ${r.rows.length} 条` : ''}`);
    return { code: 0, json: { total: r.total, entries: r.rows }, lines };
  },
};

function countsText(counts: Record<string, number>): string {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join('，');
}

const backup: Command = {
  name: 'backup',
  usage: `backup [--out FILE]      备份数据库（默认写入数据库旁的 backups 文件夹，保留最近 14 份）`,
  db: 'read',
  handlers: ['backup/create'],
  async run(args, call) {
    const out = str(args, 'out');
    const r = await call('backup/create', out ? { out: path.resolve(out) } : {});
    return { code: 0, json: { file: r.path, size: r.size }, lines: [`已备份到 ${r.path}`] };
  },
};

const restore: Command = {
  name: 'restore',
  usage: `restore FILE [--yes]     检查备份文件并列出其中的数据；加 --yes 才用它替换当前全部数据
                           （替换前自动另存当前数据）`,
  // Without --yes nothing is written, not even a new empty database.
  db: (args) => (flag(args, 'yes') ? 'write' : 'read'),
  handlers: ['backup/inspectFile', 'backup/restoreFromFile'],
  async run(args, call) {
    const file = args.positionals[1];
    if (!file) throw new UsageError('请指定要恢复的备份文件：restore FILE');
    const input = { file: path.resolve(file) };
    const preview = await call('backup/inspectFile', input);
    const lines = previewLines(preview);
    if (!flag(args, 'yes')) {
      const message =
        '恢复会用这个备份替换当前全部数据。核对上面的内容无误后，请加 --yes 再运行一次（替换前会自动另存当前数据）。';
      return { code: 2, error: { code: 'NEEDS_CONFIRMATION', message }, json: { preview }, lines };
    }
    const r = await call('backup/restoreFromFile', input);
    lines.push(`已恢复。恢复前的数据已另存为 ${r.safetyBackupPath}`);
    return {
      code: 0,
      json: { restoredFrom: preview.source, safetyBackup: r.safetyBackupPath, installed: r.installed },
      lines,
    };
  },
};

function summaryLine(s: DatabaseSummary): string {
  const c = s.counts;
  const newest = s.newestChange ? `，最新修改于 ${formatDateTime(s.newestChange)}` : '';
  return `网格 ${c.grids} 个，网格员 ${c.workers} 名，住户 ${c.households} 户，工作记录 ${c.records} 条${newest}`;
}

function previewLines(p: RestorePreview): string[] {
  return [
    `备份文件：${p.source}（数据版本 ${p.backup.schemaVersion}，完整性检查通过）`,
    `  将恢复：${summaryLine(p.backup)}`,
    `  当前有：${summaryLine(p.current)}`,
    ...p.warnings.map((w) => `提示：${w}`),
  ];
}

const report: Command = {
  name: 'report',
  usage: `report county --from YYYY-MM-DD --to YYYY-MM-DD [--grid CODE] --out FILE.xlsx
                           导出报送报表（网格划分、队伍、工作开展、培训、激励表彰、补贴发放六张表）
  report package --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.gdpkg [--grid 乡镇编码]
                           导出报送包（本乡镇期间内的报表数据，供县里汇总；库中有多个乡镇时用 --grid 指定）
  report merge FILE… --out FILE.xlsx [--per-village] [--expect CODE,CODE…]
                           汇总各乡镇的报送包为县级报表（--expect 列出应报乡镇的区划代码，报告未报的乡镇）`,
  db: (args) => (args.positionals[1] === 'merge' ? 'none' : 'read'),
  handlers: ['grids/byCode', 'reports/workbook', 'reports/package', 'reports/merge'],
  async run(args, call) {
    const sub = args.positionals[1];
    if (sub === 'county') return reportCounty(args, call);
    if (sub === 'package') return reportPackage(args, call);
    if (sub === 'merge') return reportMerge(args, call);
    throw new UsageError(`未知的子命令：report ${sub ?? ''}（可用：report county、report package、report merge）`);
  },
};

async function reportCounty(args: Args, call: Call): Promise<Outcome> {
  const { from, to } = periodOptions(args);
  const out = outPath(args, '报送报表.xlsx');
  const code = str(args, 'grid');
  const grid = code === undefined ? null : await call('grids/byCode', { code });
  const r = await call('reports/workbook', { from, to, gridId: grid?.id ?? null, out });
  return { code: 0, json: { file: r.file, rows: r.rows }, lines: [`已导出报送报表（${r.rows} 行）到 ${r.file}`] };
}

async function reportPackage(args: Args, call: Call): Promise<Outcome> {
  const { from, to } = periodOptions(args);
  const out = outPath(args, '温水镇-2026Q3.gdpkg');
  const code = str(args, 'grid');
  const grid = code === undefined ? null : await call('grids/byCode', { code });
  const r = await call('reports/package', { from, to, gridId: grid?.id ?? null, out });
  return { code: 0, json: { file: r.file, rows: r.rows }, lines: [`已导出报送包（${r.rows} 个村）到 ${r.file}`] };
}

async function reportMerge(args: Args, call: Call): Promise<Outcome> {
  const files = args.positionals.slice(2).map((f) => path.resolve(f));
  if (!files.length)
    throw new UsageError('请列出要汇总的报送包，如 report merge 甲镇.gdpkg 乙镇.gdpkg --out 县级汇总.xlsx');
  const out = outPath(args, '县级汇总.xlsx');
  const expect = str(args, 'expect');
  const expected =
    expect === undefined
      ? undefined
      : expect
          .split(/[,，]/)
          .map((c) => c.trim())
          .filter(Boolean);
  const r = await call('reports/merge', { files, perVillage: flag(args, 'per-village'), out, expected });
  const lines = [`已汇总 ${r.townships.length} 个乡镇（${r.townships.join('、')}），共 ${r.rows} 行，保存到 ${r.file}`];
  if (r.missing.length) lines.push(`未报送：${r.missing.join('、')}`);
  return { code: 0, json: { file: r.file, rows: r.rows, townships: r.townships, missing: r.missing }, lines };
}

export const COMMANDS: readonly Command[] = [
  demo,
  grids,
  stats,
  importCommand,
  records,
  subsidies,
  exportCommand,
  template,
  print,
  log,
  backup,
  restore,
  report,
];

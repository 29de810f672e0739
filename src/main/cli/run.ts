/**
 * Runs one CLI command: parses arguments, opens the database, calls handlers through the
 * dispatcher and prints the outcome. With --json, stdout holds exactly one JSON object whatever
 * happens: `{"ok":true,…}` or `{"ok":false,"error":{"code","message"}}`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { HandlerName } from '../../shared/api';
import type { Result } from '../../shared/errors';
import { maskPersonal } from '../../shared/privacy';
import { openDatabase } from '../db/connection';
import { AppError } from '../errors';
import { cleanStaleTemps } from '../files/atomic';
import { fileError } from '../files/errors';
import { createAppContext, type AppContext } from '../ipc/context';
import { dispatch } from '../ipc/dispatch';
import { backupDirFor, DB_FILE, defaultDataDir } from '../paths';
import { COMMANDS, UsageError, type Args, type Call, type Command } from './commands';

/** Exit codes county IT can script against. */
export const EXIT = { ok: 0, dataErrors: 1, refused: 2, usage: 64, internal: 70 } as const;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** resources/ (fonts); the repository's when run from a checkout. */
  resourcesDir: string;
  version: string;
  /** The dispatcher (tests wrap it to see which handlers a command calls). */
  dispatch?: (ctx: AppContext, name: string, input: unknown) => Promise<Result<unknown>>;
}

const OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  townships: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'skip-invalid': { type: 'boolean' },
  kind: { type: 'string' },
  out: { type: 'string' },
  'errors-out': { type: 'string' },
  'one-sheet': { type: 'boolean' },
  grid: { type: 'string' },
  paper: { type: 'string' },
  back: { type: 'boolean' },
  'per-sheet': { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  limit: { type: 'string' },
  'per-village': { type: 'boolean' },
  expect: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function usage(): string {
  return `网格工作台命令行（GridDesk CLI）

用法: griddesk <命令> [--db 数据库文件] [选项]      （或 npm run cli -- <命令> …）

命令:
${COMMANDS.map((c) => `  ${c.usage}`).join('\n')}

选项:
  --db FILE    数据库文件（默认：${path.join(defaultDataDir(), DB_FILE)}）
  --json       以 JSON 输出（stdout 只有一个 JSON 对象，出错时也是）
  -h, --help   显示本帮助

退出码: 0 成功；1 导入的数据有错误；2 操作被拒绝（找不到文件、网格等）；64 用法错误；70 程序内部错误
`;
}

async function openFor(command: Command, args: Args, dbPath: string) {
  const mode = typeof command.db === 'function' ? command.db(args) : command.db;
  if (mode === 'none') return openDatabase(':memory:');
  if (mode === 'read') {
    if (!fs.existsSync(dbPath)) throw new AppError('DB_INVALID', `找不到数据库文件：${dbPath}`);
    if (fs.statSync(dbPath).isDirectory())
      throw new AppError('DB_INVALID', `这是一个文件夹，不是数据库文件：${dbPath}`);
  } else {
    // A folder it creates holds the database: private to the user (0700).
    fs.mkdirSync(path.dirname(dbPath), { recursive: true, mode: 0o700 });
  }
  return openDatabase(dbPath, { mustExist: mode === 'read' });
}

async function execute(command: Command, args: Args, io: CliIo) {
  const dbPath = path.resolve(
    typeof args.values.db === 'string' ? args.values.db : path.join(defaultDataDir(), DB_FILE),
  );
  // Temp files a killed export or print left beside the database (outputs clean their own folder).
  cleanStaleTemps([path.dirname(dbPath), backupDirFor(dbPath)]);
  const handle = await openFor(command, args, dbPath);
  const ctx = createAppContext({
    handle,
    backupDir: backupDirFor(dbPath),
    resourcesDir: io.resourcesDir,
    version: io.version,
  });
  const run = io.dispatch ?? dispatch;
  const call: Call = async (name, input) => {
    if (!command.handlers.includes(name as HandlerName)) throw new Error(`${command.name} 未声明 ${name}`);
    const r = await run(ctx, name, input);
    if (!r.ok) throw new AppError(r.error.code, r.error.message);
    return r.value as never;
  };
  try {
    return await command.run(args, call);
  } finally {
    await ctx.handle.close();
  }
}

function parse(argv: string[]): Args {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  return { values: values as Args['values'], positionals };
}

/** Runs the CLI; returns the exit code. Never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const json = argv.includes('--json');
  const fail = (code: number, error: { code: string; message: string }, extra = '') => {
    if (json) io.stdout(`${JSON.stringify({ ok: false, error })}\n`);
    else io.stderr(`${error.code === 'USAGE' ? '用法错误' : '错误'}：${error.message}\n${extra}`);
    return code;
  };
  try {
    const args = parse(argv);
    const name = args.positionals[0];
    if (args.values.help || !name) {
      if (json) io.stdout(`${JSON.stringify({ ok: !!args.values.help, usage: usage() })}\n`);
      else io.stdout(usage());
      return args.values.help ? EXIT.ok : EXIT.usage;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw new UsageError(`未知的命令：${name}`);
    const outcome = await execute(command, args, io);
    for (const note of outcome.notes ?? []) io.stderr(`${note}\n`);
    if (outcome.error) {
      if (json) io.stdout(`${JSON.stringify({ ok: false, error: outcome.error, ...outcome.json })}\n`);
      else io.stderr(`${outcome.lines.join('\n')}\n${outcome.error.message}\n`);
      return outcome.code;
    }
    if (json) io.stdout(`${JSON.stringify({ ok: true, ...outcome.json })}\n`);
    else io.stdout(`${outcome.lines.join('\n')}\n`);
    return outcome.code;
  } catch (e) {
    if (e instanceof AppError) return fail(EXIT.refused, { code: e.code, message: e.message });
    if (e instanceof UsageError || (e as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS')) {
      return fail(EXIT.usage, { code: 'USAGE', message: (e as Error).message }, `\n${usage()}`);
    }
    const file = fileError(e);
    if (file) return fail(EXIT.refused, { code: file.code, message: file.message });
    const detail = maskPersonal(e instanceof Error ? e.message : String(e));
    return fail(EXIT.internal, { code: 'INTERNAL', message: `程序内部错误（${detail}）` });
  }
}

import { z } from 'zod';
import { contract, isHandlerName, type HandlerName, type HandlerOutput } from '../../shared/api';
import type { Endpoint } from '../../shared/contract';
import type { ApiError, Result } from '../../shared/errors';
import { maskPersonal } from '../../shared/privacy';
import { inTransaction } from '../db/transaction';
import { AppError } from '../errors';
import { checkReadable, checkWritable } from '../files/checks';
import { fileError } from '../files/errors';
import { AuditRecorder, writeAudit } from '../services/audit/audit';
import type { AppContext, HandlerContext } from './context';
import type { Handler, HandlerSpec } from './define';
import { handlers, type HandlerTable } from './handlers';

/** Turns zod issues into a Chinese message and per-field messages. */
export function validationError(error: z.ZodError): ApiError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  const first = error.issues[0];
  const where = first && first.path.length ? `（字段 ${first.path.join('.')}）` : '';
  return { code: 'VALIDATION', message: `输入有误${where}：${first?.message ?? '格式不正确'}`, fields };
}

/** SQLite constraint failures that slipped past a service's own checks, in words a clerk reads. */
function constraintError(e: unknown): ApiError | null {
  const code = (e as { code?: unknown })?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_CONSTRAINT')) return null;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE')
    return { code: 'CONFLICT', message: '数据重复：同样的编码或记录已经存在，未做任何修改。' };
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY')
    return { code: 'CONFLICT', message: '该记录仍被其他数据引用，未做任何修改。' };
  return { code: 'CONFLICT', message: '数据不符合约束条件，未做任何修改。' };
}

/**
 * Another program (a second window, the CLI) kept the database's write lock for longer than
 * busy_timeout: every write transaction takes the lock as it begins (db/dialect.ts), so
 * nothing has been written.
 */
function busyError(name: string, e: unknown): ApiError | null {
  const code = (e as { code?: unknown })?.code;
  if (typeof code !== 'string' || !/^SQLITE_(BUSY|LOCKED)/.test(code)) return null;
  const message = name.startsWith('import/')
    ? '另一个导入正在进行，请稍后再试。（数据库正被另一个窗口或命令行写入，等待 5 秒后仍未结束；本次没有导入任何数据。）'
    : '数据库正被另一个程序使用（另一个网格工作台窗口或命令行正在写入），请稍后再试。未做任何修改。';
  return { code: 'CONFLICT', message };
}

/** Paths in the input must be ones the caller may use (in the app: chosen in a dialog). */
function checkPaths(ctx: AppContext, endpoint: Endpoint, input: Record<string, unknown>): void {
  for (const [field, role] of Object.entries(endpoint.files)) {
    const value = input[field];
    // A field may hold one path or a list of them (several packages merged at once): each is checked.
    const files = Array.isArray(value) ? value : [value];
    for (const file of files) {
      if (typeof file !== 'string') continue;
      if (!ctx.paths.allows(role, file)) {
        throw new AppError(
          'FORBIDDEN',
          role === 'read' ? '请先通过“选择文件”选择要读取的文件。' : '请先选择保存位置。',
        );
      }
      // A folder, a missing file or a read-only target is refused before any work starts.
      if (role === 'read') checkReadable(file);
      else checkWritable(file);
    }
  }
}

async function runWrite(
  ctx: AppContext,
  name: HandlerName,
  spec: HandlerSpec<Endpoint>,
  input: unknown,
): Promise<unknown> {
  const action = contract[name].write!;
  const audit = new AuditRecorder();
  const log = (db: HandlerContext['db']) =>
    audit.skipped ? Promise.resolve() : writeAudit(db, { handler: name, action, note: audit.note, input });
  if (typeof spec !== 'function') {
    const out = await spec.run({ db: ctx.handle.db, app: ctx, audit }, input);
    await inTransaction(ctx.handle.db, log);
    return out;
  }
  // The change and its log entry land together, or neither does.
  return inTransaction(ctx.handle.db, async (trx) => {
    const out = await spec({ db: trx, app: ctx, audit }, input);
    await log(trx);
    return out;
  });
}

function toApiError(name: string, e: unknown): ApiError {
  if (e instanceof AppError) return e.toApiError();
  const constraint = constraintError(e) ?? busyError(name, e);
  if (constraint) return constraint;
  const file = fileError(e);
  if (file) return file.toApiError();
  // Log the handler name and the error only: inputs may hold personal data.
  const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
  console.error(`[griddesk] handler ${name} failed:`, maskPersonal(detail));
  return {
    code: 'INTERNAL',
    message: '操作失败：程序内部错误，数据未被修改。请重试，若仍失败请联系技术支持。',
  };
}

/**
 * The one entry point for every caller (IPC, CLI, tests): validates the input against the
 * contract, checks file paths, runs the handler — a write in one transaction with its 操作日志
 * entry — and returns a Result; it never throws.
 */
export async function dispatch<K extends HandlerName>(
  ctx: AppContext,
  name: K | string,
  input: unknown,
  table: HandlerTable = handlers,
): Promise<Result<HandlerOutput<K>>> {
  if (!isHandlerName(name)) {
    return { ok: false, error: { code: 'UNKNOWN_HANDLER', message: `未知的操作：${String(name)}` } };
  }
  const endpoint: Endpoint = contract[name];
  const parsed = endpoint.input.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
  try {
    checkPaths(ctx, endpoint, parsed.data as Record<string, unknown>);
    const spec = table[name] as HandlerSpec<Endpoint>;
    const value =
      endpoint.write === null
        ? await (spec as Handler<Endpoint>)({ db: ctx.handle.db, app: ctx, audit: new AuditRecorder() }, parsed.data)
        : await runWrite(ctx, name, spec, parsed.data);
    return { ok: true, value: value as HandlerOutput<K> };
  } catch (e) {
    return { ok: false, error: toApiError(name, e) };
  }
}

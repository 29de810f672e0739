import { z } from 'zod';
import { inputSchemas, type HandlerName, type HandlerOutput } from '../../shared/api';
import type { ApiError, Result } from '../../shared/errors';
import { AppError } from '../errors';
import type { AppContext } from './context';
import { handlers, type HandlerTable } from './handlers';

function isHandlerName(name: unknown): name is HandlerName {
  return typeof name === 'string' && Object.hasOwn(inputSchemas, name);
}

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
 * The one entry point for every caller (IPC, CLI, tests): validates the input against the
 * contract's schema, runs the handler and returns a Result; it never throws.
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
  const parsed = inputSchemas[name].safeParse(input ?? {});
  if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
  try {
    const run = table[name] as (c: AppContext, i: unknown) => Promise<HandlerOutput<K>>;
    return { ok: true, value: await run(ctx, parsed.data) };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, error: e.toApiError() };
    const constraint = constraintError(e);
    if (constraint) return { ok: false, error: constraint };
    // Log the handler name and the error only: inputs may hold personal data.
    console.error(`[griddesk] handler ${name} failed:`, e instanceof Error ? e.stack : e);
    return {
      ok: false,
      error: { code: 'INTERNAL', message: '操作失败：程序内部错误，数据未被修改。请重试，若仍失败请联系技术支持。' },
    };
  }
}

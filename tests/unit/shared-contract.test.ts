/**
 * The API's declarations: what an endpoint says about itself (reads or writes, which fields are
 * file paths) and the error codes that cross the IPC boundary. (The file dialogs: shared-files.)
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { none, pathSchema, read, write } from '../../src/shared/contract';
import { ERROR_CODES } from '../../src/shared/errors';

/** The first message zod gives for `value`, or null when it is accepted. */
function problem(schema: z.ZodType, value: unknown): string | null {
  const r = schema.safeParse(value);
  return r.success ? null : r.error.issues[0]!.message;
}

describe('endpoint declarations', () => {
  const input = z.object({ out: pathSchema }).strict();

  it('a read is no write and, unless told, names no file fields', () => {
    const e = read(input).returns<number>();
    expect(e.input).toBe(input);
    expect(e.write).toBeNull();
    expect(e.files).toEqual({});
  });

  it('a write carries its 操作日志 verb; both carry the file fields they were given', () => {
    const w = write(input, '导入花名册', { files: { out: 'read' } }).returns<void>();
    expect(w).toEqual({ input, write: '导入花名册', files: { out: 'read' } });
    expect(write(input, '新增网格员').returns<void>().files).toEqual({});
    expect(read(input, { files: { out: 'write' } }).returns<void>().files).toEqual({ out: 'write' });
  });

  it('an endpoint without input accepts only the empty object', () => {
    expect(problem(none, {})).toBeNull();
    expect(problem(none, { id: 1 })).not.toBeNull();
  });

  it('a path must be chosen, and not absurdly long', () => {
    expect(problem(pathSchema, '')).toBe('请选择文件');
    expect(problem(pathSchema, `/tmp/${'a'.repeat(995)}`)).toBeNull();
    expect(problem(pathSchema, `/tmp/${'a'.repeat(996)}`)).toBe('文件路径过长');
  });
});

describe('error codes across the IPC boundary', () => {
  it('every code the pages and the CLI tell apart is declared, once', () => {
    const expected = ['VALIDATION', 'NOT_FOUND', 'CONFLICT', 'HAS_CHILDREN', 'UNKNOWN_HANDLER', 'FORBIDDEN'];
    expected.push('DB_NEWER', 'DB_INVALID', 'CANCELLED', 'FILE', 'INTERNAL');
    expect([...ERROR_CODES].sort()).toEqual(expected.sort());
  });
});

/**
 * File paths the clerk gets wrong — a folder, a missing folder, a read-only file, a file where a
 * folder should be, no permission, a full disk — end in a Chinese message naming the path (code
 * FILE; exit 2 and one JSON object under the CLI), never 程序内部错误, and change nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerName } from '../../src/shared/api';
import type { ApiError } from '../../src/shared/errors';
import { runCli } from '../../src/main/cli/run';
import { fileError } from '../../src/main/files/errors';
import { dispatch } from '../../src/main/ipc/dispatch';
import { handlers, type HandlerTable } from '../../src/main/ipc/handlers';
import { openTestApp, tempDir, type TestApp } from '../helpers/context';

let app: TestApp;
let dir: string;
let villageId: number;
beforeAll(async () => {
  dir = tempDir();
  app = await openTestApp(dir);
  const { township } = await app.call('demo/create', { townships: 1 });
  villageId = (await app.call('grids/tree', {})).find((g) => g.parentId === township.id)!.id;
}, 60_000);
afterAll(async () => {
  await app.close();
});

async function refusal(name: HandlerName, input: Record<string, unknown>): Promise<ApiError> {
  const r = await dispatch(app.ctx, name, input);
  if (r.ok) throw new Error(`${name} should have been refused`);
  return r.error;
}

/** Every handler that writes a file the clerk named. */
const WRITERS: [HandlerName, (out: string) => Record<string, unknown>][] = [
  ['print/cards', (out) => ({ gridId: villageId, out })],
  ['print/signboard', (out) => ({ gridId: villageId, out })],
  ['export/workers', (out) => ({ out })],
  ['export/households', (out) => ({ out })],
  ['import/template', (out) => ({ out })],
  ['audit/export', (out) => ({ out })],
];

describe('a wrong output path', () => {
  it.each(WRITERS)('%s: a folder, a missing folder, a file as folder, a read-only file', async (name, input) => {
    const folder = tempDir();
    expect(await refusal(name, input(folder))).toEqual({
      code: 'FILE',
      message: `${folder} 是一个文件夹，不是文件。请在文件夹中填写要保存的文件名。`,
    });
    const missing = path.join(folder, '没有这个文件夹', 'out.pdf');
    expect(await refusal(name, input(missing))).toEqual({
      code: 'FILE',
      message: `保存位置的文件夹不存在：${path.dirname(missing)}。请先建立该文件夹，或另选保存位置。`,
    });
    const file = path.join(folder, 'a.txt');
    fs.writeFileSync(file, 'keep');
    const underFile = await refusal(name, input(path.join(file, 'out.pdf')));
    expect(underFile.code).toBe('FILE');
    expect(underFile.message).toContain(file);
    const readOnly = path.join(folder, 'readonly.out');
    fs.writeFileSync(readOnly, 'keep');
    fs.chmodSync(readOnly, 0o444);
    expect(await refusal(name, input(readOnly))).toEqual({
      code: 'FILE',
      message: `文件是只读的，不能覆盖：${readOnly}。请去掉只读属性，或另存为其他文件名。`,
    });
    expect(fs.readFileSync(readOnly, 'utf8')).toBe('keep');
    expect(fs.readdirSync(folder).sort()).toEqual(['a.txt', 'readonly.out']);
  });

  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)(
    'a folder the user may not write into',
    async () => {
      const folder = tempDir();
      fs.chmodSync(folder, 0o555);
      const out = path.join(folder, 'r.xlsx');
      const e = await refusal('export/workers', { out });
      expect(e.code).toBe('FILE');
      expect(e.message).toContain(`没有权限写入：${out}`);
      fs.chmodSync(folder, 0o755);
    },
  );
});

describe('a wrong input path', () => {
  it('a folder or a missing file given to import is refused, naming it', async () => {
    const folder = tempDir();
    expect(await refusal('import/analyze', { file: folder })).toEqual({
      code: 'FILE',
      message: `${folder} 是一个文件夹，不是文件。请选择一个文件。`,
    });
    const missing = path.join(folder, '花名册.xlsx');
    expect(await refusal('import/commit', { file: missing })).toEqual({
      code: 'FILE',
      message: `找不到文件：${missing}。请确认文件仍在原处。`,
    });
  });
});

describe('file-system errors a handler meets midway', () => {
  const errno = (code: string, syscall: string, file: string) =>
    Object.assign(new Error(`${code}: ${syscall} '${file}'`), { code, syscall, path: file });

  it('are mapped generically by the dispatcher: no 程序内部错误 for a full disk', async () => {
    const file = path.join(dir, 'big.xlsx');
    const table: HandlerTable = {
      ...handlers,
      'stats/get': async () => {
        throw errno('ENOSPC', 'write', file);
      },
    };
    const r = await dispatch(app.ctx, 'stats/get', {}, table);
    expect(r).toEqual({
      ok: false,
      error: { code: 'FILE', message: `磁盘空间不足，无法保存：${file}。请清理磁盘或另选保存位置，原有文件没有改动。` },
    });
  });

  it('each code a clerk can cause has its own message naming the path', () => {
    const file = path.resolve('/data/花名册.xlsx');
    const cases: [string, string, string][] = [
      ['EACCES', 'open', '没有权限'],
      ['EPERM', 'rename', '没有权限写入'],
      ['EROFS', 'open', '只读'],
      ['EBUSY', 'rename', '正被其他程序'],
      ['ENAMETOOLONG', 'open', '太长'],
      ['EIO', 'write', '读写磁盘出错'],
    ];
    for (const [code, syscall, words] of cases) {
      const e = fileError(errno(code, syscall, file));
      expect(e?.code, code).toBe('FILE');
      expect(e?.message, code).toContain(words);
      expect(e?.message, code).toContain(file);
    }
    // Our own failures stay internal.
    expect(fileError(errno('EMFILE', 'open', file))).toBeNull();
    expect(fileError(new TypeError('x'))).toBeNull();
  });
});

describe('the CLI', () => {
  function cli(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      stdout: (t: string) => out.push(t),
      stderr: (t: string) => err.push(t),
      resourcesDir: '',
      version: 't',
    };
    return runCli([...args, '--json'], io).then((code) => ({ code, out: out.join(''), err: err.join('') }));
  }

  it('answers wrong paths with exit 2 and one JSON object naming the path', async () => {
    const folder = tempDir();
    const cases = [
      ['export', 'households', '--out', folder, '--db', app.dbPath],
      ['import', folder, '--db', app.dbPath],
      ['template', '--out', path.join(folder, 'no', 't.xlsx')],
      // A database path under a file: the folder for it cannot be made.
      ['demo', '--db', path.join(app.dbPath, 'x.sqlite')],
    ];
    for (const args of cases) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      const lines = r.out.trim().split('\n');
      expect(lines).toHaveLength(1);
      const json = JSON.parse(lines[0]!) as { ok: boolean; error: ApiError };
      expect(json.ok).toBe(false);
      expect(json.error.code, args.join(' ')).toBe('FILE');
      expect(json.error.message).not.toContain('程序内部错误');
      expect(r.err).toBe('');
    }
    expect(fs.readdirSync(folder)).toEqual([]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../src/shared/api';
import { AppError } from '../../src/main/errors';
import { dispatch } from '../../src/main/ipc/dispatch';
import { handlers, type HandlerTable } from '../../src/main/ipc/handlers';
import { openTestApp, type TestApp } from '../helpers/context';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
});

describe('handler table and dispatcher', () => {
  it('implements exactly the handlers the contract names', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(contract).sort());
  });

  it('answers an unknown handler with a typed error, not a throw', async () => {
    const r = await dispatch(app.ctx, 'grids/explode', {});
    expect(r).toEqual({ ok: false, error: { code: 'UNKNOWN_HANDLER', message: '未知的操作：grids/explode' } });
    const proto = await dispatch(app.ctx, 'toString', {});
    expect(!proto.ok && proto.error.code).toBe('UNKNOWN_HANDLER');
  });

  it('validates inputs with the shared schemas and reports fields in Chinese', async () => {
    const r = await dispatch(app.ctx, 'grids/create', { parentId: null, level: 1, name: '  ', code: '' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect(r.error.fields).toMatchObject({ name: '请填写名称', code: '请填写网格编码' });
    expect(r.error.message).toMatch(/^输入有误/);
    const wrongType = await dispatch(app.ctx, 'grids/get', { id: 'abc' });
    expect(!wrongType.ok && wrongType.error.code).toBe('VALIDATION');
    const extra = await dispatch(app.ctx, 'grids/tree', { sql: 'drop table grids' });
    expect(!extra.ok && extra.error.code).toBe('VALIDATION');
    expect((await app.call('grids/tree', {})).length).toBe(0);
  });

  it('turns a thrown AppError into its typed value and anything else into INTERNAL', async () => {
    const table: HandlerTable = {
      ...handlers,
      'grids/tree': async () => {
        throw new AppError('NOT_FOUND', '找不到');
      },
      'stats/get': async () => {
        throw new TypeError('boom');
      },
    };
    expect(await dispatch(app.ctx, 'grids/tree', {}, table)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: '找不到' },
    });
    const internal = await dispatch(app.ctx, 'stats/get', {}, table);
    expect(!internal.ok && internal.error.code).toBe('INTERNAL');
    expect(!internal.ok && internal.error.message).toContain('数据未被修改');
  });

  it('reports a missing grid as NOT_FOUND', async () => {
    const r = await dispatch(app.ctx, 'grids/get', { id: 4242 });
    expect(!r.ok && r.error).toMatchObject({ code: 'NOT_FOUND' });
  });
});

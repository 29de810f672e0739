/**
 * The file port: what a page may ask the open dialog for, which names the save dialog accepts and
 * which filter it shows, and the endpoints behind them.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { chooseOpenSchema, chooseSaveSchema, filesApi, OPEN_PURPOSES, saveFilterFor } from '../../src/shared/files';

/** The first message zod gives for `value`, or null when it is accepted. */
function problem(schema: z.ZodType, value: unknown): string | null {
  const r = schema.safeParse(value);
  return r.success ? null : r.error.issues[0]!.message;
}

describe('the open dialog', () => {
  it('offers what each purpose reads, under a title saying what to choose', () => {
    expect(OPEN_PURPOSES.roster).toEqual({
      title: '选择要导入的花名册',
      filterName: 'Excel 或 CSV',
      extensions: ['xlsx', 'csv', 'xls'],
    });
    expect(OPEN_PURPOSES.backup).toEqual({
      title: '选择要恢复的备份文件',
      filterName: '数据库备份',
      extensions: ['sqlite', 'db'],
    });
    expect(OPEN_PURPOSES.image).toEqual({ title: '选择图片', filterName: '图片', extensions: ['jpg', 'jpeg', 'png'] });
  });

  it('accepts only those purposes, and a trimmed title of at most 60 characters', () => {
    expect(chooseOpenSchema.parse({ purpose: 'roster', title: '  选择住户花名册 ' })).toEqual({
      purpose: 'roster',
      title: '选择住户花名册',
    });
    expect(problem(chooseOpenSchema, { purpose: 'backup' })).toBeNull();
    expect(problem(chooseOpenSchema, { purpose: 'settings' })).not.toBeNull();
    expect(problem(chooseOpenSchema, { purpose: 'image', title: '图'.repeat(60) })).toBeNull();
    expect(problem(chooseOpenSchema, { purpose: 'image', title: '图'.repeat(61) })).not.toBeNull();
  });
});

describe('the save dialog', () => {
  const save = (defaultName: string, title = '导出花名册') => problem(chooseSaveSchema, { title, defaultName });
  const badName = '文件名应以 .xlsx、.pdf 或 .gdpkg 结尾，且不含 / \\ : * ? " < > |';

  it('suggests an .xlsx or .pdf name, either case, trimmed', () => {
    expect(save('大坪村花名册.xlsx')).toBeNull();
    expect(save('公示牌.PDF')).toBeNull();
    expect(save('温水镇-2026Q3.gdpkg')).toBeNull();
    expect(chooseSaveSchema.parse({ title: ' 导出 ', defaultName: ' 公示牌.pdf ' })).toEqual({
      title: '导出',
      defaultName: '公示牌.pdf',
    });
  });

  it('refuses other endings, folder separators and characters Windows forbids', () => {
    for (const name of [
      '花名册.xls',
      '花名册.xlsx.bak',
      '报送包.gdpkg.json',
      '花名册',
      '.xlsx',
      '村/花名册.xlsx',
      'a\\b.pdf',
      'a:b.pdf',
    ]) {
      expect(save(name), name).toBe(badName);
    }
    for (const c of ['*', '?', '"', '<', '>', '|']) expect(save(`a${c}b.xlsx`), c).toBe(badName);
  });

  it('needs a title, and names of at most 200 characters', () => {
    expect(save('a.xlsx', '  ')).not.toBeNull();
    expect(save('a.xlsx', '题'.repeat(61))).not.toBeNull();
    expect(save(`${'名'.repeat(195)}.xlsx`)).toBeNull();
    expect(save(`${'名'.repeat(196)}.xlsx`)).not.toBeNull();
  });

  it("the dialog's filter follows the name's ending", () => {
    expect(saveFilterFor('公示牌.pdf')).toEqual({ filterName: 'PDF 文件', extensions: ['pdf'] });
    expect(saveFilterFor('公示牌.PDF')).toEqual({ filterName: 'PDF 文件', extensions: ['pdf'] });
    expect(saveFilterFor('花名册.xlsx')).toEqual({ filterName: 'Excel 工作簿', extensions: ['xlsx'] });
    expect(saveFilterFor('pdf版花名册.xlsx')).toEqual({ filterName: 'Excel 工作簿', extensions: ['xlsx'] });
    expect(saveFilterFor('花名册.pdf.xlsx')).toEqual({ filterName: 'Excel 工作簿', extensions: ['xlsx'] });
    expect(saveFilterFor('温水镇-2026Q3.gdpkg')).toEqual({ filterName: '报送包', extensions: ['gdpkg'] });
  });
});

describe('the file endpoints', () => {
  it('only read the database; opening needs a path', () => {
    expect(Object.keys(filesApi).sort()).toEqual(['files/chooseOpen', 'files/chooseSave', 'files/open']);
    for (const e of Object.values(filesApi)) expect(e.write).toBeNull();
    expect(problem(filesApi['files/open'].input, { file: '' })).toBe('请选择文件');
    expect(problem(filesApi['files/open'].input, { file: '/tmp/a.xlsx' })).toBeNull();
    expect(filesApi['files/chooseSave'].input).toBe(chooseSaveSchema);
    expect(filesApi['files/chooseOpen'].input).toBe(chooseOpenSchema);
  });
});

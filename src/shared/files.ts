/**
 * The file port: pages never name a path themselves. They ask the shell for one (an open or save
 * dialog), then pass it to the handler that reads or writes it; the shell accepts only paths its
 * dialogs returned. The CLI and the tests pass paths directly.
 */
import { z } from 'zod';
import { pathSchema, read } from './contract';

/** What a page may ask to open, and what the dialog then offers. */
export const OPEN_PURPOSES = {
  roster: { title: '选择要导入的花名册', filterName: 'Excel 或 CSV', extensions: ['xlsx', 'csv', 'xls'] },
  backup: { title: '选择要恢复的备份文件', filterName: '数据库备份', extensions: ['sqlite', 'db'] },
  image: { title: '选择图片', filterName: '图片', extensions: ['jpg', 'jpeg', 'png'] },
  package: { title: '选择乡镇的报送包', filterName: '报送包', extensions: ['gdpkg'] },
} as const;
export type OpenPurpose = keyof typeof OPEN_PURPOSES;

export const chooseOpenSchema = z.object({
  purpose: z.enum(Object.keys(OPEN_PURPOSES) as [OpenPurpose, ...OpenPurpose[]]),
  title: z.string().trim().max(60).optional(),
});

export const chooseSaveSchema = z.object({
  title: z.string().trim().min(1).max(60),
  /** The suggested file name; its extension (.xlsx, .pdf or a submission package's .gdpkg) picks the dialog's filter. */
  defaultName: z
    .string()
    .trim()
    .max(200)
    .regex(/^[^/\\:*?"<>|]+\.(xlsx|pdf|gdpkg)$/i, {
      error: '文件名应以 .xlsx、.pdf 或 .gdpkg 结尾，且不含 / \\ : * ? " < > |',
    }),
});

/** The dialog's filter for a file name's extension. */
export function saveFilterFor(name: string): { filterName: string; extensions: string[] } {
  if (/\.gdpkg$/i.test(name)) return { filterName: '报送包', extensions: ['gdpkg'] };
  return /\.pdf$/i.test(name)
    ? { filterName: 'PDF 文件', extensions: ['pdf'] }
    : { filterName: 'Excel 工作簿', extensions: ['xlsx'] };
}

export const filesApi = {
  'files/chooseOpen': read(chooseOpenSchema).returns<{ file: string | null }>(),
  'files/chooseSave': read(chooseSaveSchema).returns<{ file: string | null }>(),
  'files/open': read(z.object({ file: pathSchema }).strict()).returns<{ opened: boolean }>(),
};

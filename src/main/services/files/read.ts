import fs from 'node:fs';
import { AppError } from '../../errors';

/** Reads a small file the clerk chose (an image); says in Chinese what is wrong with the path. */
export async function readInputFile(file: string, what: string): Promise<Buffer> {
  try {
    return await fs.promises.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new AppError('VALIDATION', `这是一个文件夹，不是${what}：${file}`);
    throw new AppError('NOT_FOUND', `无法读取${what}：${file}`);
  }
}

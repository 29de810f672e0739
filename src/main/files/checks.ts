/**
 * Up-front checks of a path the clerk named, so a folder given as a file, a missing folder or a
 * read-only file is refused with its own message before any work starts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { fileError } from './errors';

function statOrNull(file: string, role: 'read' | 'write'): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw fileError(e, file, role) ?? e;
  }
}

/** A file to read: it exists and is a file. Returns the absolute path. */
export function checkReadable(target: string): string {
  const file = path.resolve(target);
  const st = statOrNull(file, 'read');
  if (!st) throw new AppError('FILE', `找不到文件：${file}。请确认文件仍在原处。`);
  if (st.isDirectory()) throw new AppError('FILE', `${file} 是一个文件夹，不是文件。请选择一个文件。`);
  if (!st.isFile()) throw new AppError('FILE', `${file} 不是普通文件，无法读取。`);
  return file;
}

/**
 * A file to write: its folder exists, and the path is not a folder, not a device and not a
 * read-only file. Returns the file to replace — through a symbolic link, the file it points at.
 */
export function checkWritable(target: string): string {
  const file = path.resolve(target);
  const st = statOrNull(file, 'write');
  if (st) {
    if (st.isDirectory())
      throw new AppError('FILE', `${file} 是一个文件夹，不是文件。请在文件夹中填写要保存的文件名。`);
    if (!st.isFile()) throw new AppError('FILE', `${file} 不是普通文件，不能保存到这里。`);
    // Writing in place would fail on it; replacing it by rename would silently ignore the flag.
    if ((st.mode & 0o222) === 0)
      throw new AppError('FILE', `文件是只读的，不能覆盖：${file}。请去掉只读属性，或另存为其他文件名。`);
    return fs.realpathSync(file);
  }
  const dir = path.dirname(file);
  const folder = statOrNull(dir, 'write');
  if (!folder) throw new AppError('FILE', `保存位置的文件夹不存在：${dir}。请先建立该文件夹，或另选保存位置。`);
  if (!folder.isDirectory())
    throw new AppError('FILE', `路径有误：${dir} 是一个文件而不是文件夹，无法在其中保存 ${path.basename(file)}。`);
  return file;
}

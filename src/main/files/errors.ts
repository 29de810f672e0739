/**
 * Node's file-system errors (EISDIR, EACCES, ENOSPC…) in words a clerk reads, naming the file or
 * folder: a path typed into the CLI or a folder that vanished after the dialog is the clerk's to
 * fix, not a 程序内部错误.
 */
import path from 'node:path';
import { AppError } from '../errors';

/** Whether the path was being read (an import, a photo) or written (an export, a PDF). */
export type FileRole = 'read' | 'write';

interface ErrnoLike {
  code?: unknown;
  path?: unknown;
  syscall?: unknown;
}

const READ_CALLS = new Set(['read', 'scandir', 'opendir', 'readlink', 'copyfile']);
const WRITE_CALLS = new Set(['write', 'rename', 'mkdir', 'unlink', 'rmdir', 'fsync', 'chmod', 'utime']);

function roleOf(syscall: unknown): FileRole | null {
  if (typeof syscall !== 'string') return null;
  if (READ_CALLS.has(syscall)) return 'read';
  return WRITE_CALLS.has(syscall) ? 'write' : null;
}

type Describe = (file: string, role: FileRole | null) => string;

const MESSAGES: Record<string, Describe> = {
  ENOENT: (file, role) =>
    role === 'write'
      ? `保存位置的文件夹不存在：${path.dirname(file)}。请先建立该文件夹，或另选保存位置。`
      : `找不到文件：${file}。请确认文件仍在原处。`,
  EISDIR: (file, role) =>
    `${file} 是一个文件夹，不是文件。${role === 'write' ? '请在文件夹中填写要保存的文件名。' : '请选择一个文件。'}`,
  ENOTDIR: (file) => `路径有误：${file} 的上级路径中有一项是文件而不是文件夹。`,
  EACCES: (file, role) =>
    role === 'read'
      ? `没有权限读取文件：${file}。`
      : `没有权限写入：${file}。请另选保存位置（如“文档”或桌面），或确认该文件没有被其他程序（如 Excel、WPS）打开。`,
  EROFS: (file) => `${file} 所在的磁盘是只读的（如写保护的U盘），无法保存。请另选保存位置。`,
  ENOSPC: (file) => `磁盘空间不足，无法保存：${file}。请清理磁盘或另选保存位置，原有文件没有改动。`,
  EBUSY: (file) => `文件正被其他程序（如 Excel、WPS）打开：${file}。请关闭该文件后重试。`,
  ENAMETOOLONG: (file) => `文件名或路径太长：${file}。请缩短文件名或另选保存位置。`,
  EEXIST: (file) => `路径有误：${file} 已经存在，且是文件而不是所需的文件夹。`,
  ELOOP: (file) => `路径中的快捷方式（符号链接）循环指向自身：${file}。`,
  EIO: (file) => `读写磁盘出错：${file}。请检查磁盘或U盘是否已拔出。`,
};
MESSAGES.EPERM = MESSAGES.EACCES!;
MESSAGES.EDQUOT = MESSAGES.ENOSPC!;
MESSAGES.ETXTBSY = MESSAGES.EBUSY!;

/** A Node file-system error a clerk can act on (not EMFILE and the like, which are ours). */
export function isFileSystemError(e: unknown): boolean {
  const code = (e as ErrnoLike | null)?.code;
  return !(e instanceof AppError) && typeof code === 'string' && code in MESSAGES;
}

/**
 * The clerk's message for a file-system error, or null when `e` is not one. `file` names the
 * path the clerk knows (the target, not a temp file beside it); by default the error's own path.
 */
export function fileError(e: unknown, file?: string, role?: FileRole): AppError | null {
  if (!isFileSystemError(e)) return null;
  const err = e as ErrnoLike;
  const where = file ?? (typeof err.path === 'string' ? err.path : null);
  const describe = MESSAGES[err.code as string]!;
  const message = where ? describe(path.resolve(where), role ?? roleOf(err.syscall)) : fallback(err.code as string);
  return new AppError('FILE', message);
}

function fallback(code: string): string {
  return code === 'ENOSPC' || code === 'EDQUOT'
    ? '磁盘空间不足，请清理磁盘后重试。'
    : `无法读写所选的文件或文件夹（${code}），请检查路径和权限后重试。`;
}

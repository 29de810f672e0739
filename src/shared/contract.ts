/**
 * How a domain declares its part of the API: each endpoint names its zod input schema, its
 * output type, whether it writes to the database (the dispatcher runs writes in one transaction
 * and records them in the 操作日志) and which input fields are file paths (the shell only lets a
 * page read or write files the clerk chose in a dialog).
 */
import { z } from 'zod';

/** How an input field that holds a path is used: read from, or written to. */
export type PathRole = 'read' | 'write';

export interface Endpoint<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  /** A Chinese verb phrase for writes (新增网格员), shown in the 操作日志; null for reads. */
  write: string | null;
  /** Input fields holding file paths, and what the handler does with them. */
  files: Readonly<Record<string, PathRole>>;
  /** Type-only: the handler's output. */
  readonly output?: O;
}

export type Contract = Record<string, Endpoint>;

interface Options {
  files?: Record<string, PathRole>;
}

function build<I extends z.ZodType>(input: I, write: string | null, options: Options) {
  return {
    returns: <O>(): Endpoint<I, O> => ({ input, write, files: options.files ?? {} }),
  };
}

/** An endpoint that only reads the database (it may still write a file the clerk chose). */
export function read<I extends z.ZodType>(input: I, options: Options = {}) {
  return build(input, null, options);
}

/** An endpoint that changes the database: run in one transaction and recorded in the 操作日志. */
export function write<I extends z.ZodType>(input: I, label: string, options: Options = {}) {
  return build(input, label, options);
}

/** Input for endpoints that take none. */
export const none = z.object({}).strict();

/** A path on the clerk's computer, as a dialog returned it. */
export const pathSchema = z.string().min(1, { error: '请选择文件' }).max(1000, { error: '文件路径过长' });

export type OutputOf<E> = E extends Endpoint<z.ZodType, infer O> ? O : never;

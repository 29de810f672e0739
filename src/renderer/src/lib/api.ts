import { isWrite, type HandlerInput, type HandlerName, type HandlerOutput } from '@shared/api';
import type { Result } from '@shared/errors';
import { notifyError } from './notify';
import { queryClient } from './query-client';

export { notifyError, notifySuccess } from './notify';

/**
 * Calls a main-process handler, typed from the shared contract. Never throws. After a write
 * every query is marked stale: a change in one domain shows elsewhere (a new worker fills a
 * vacancy, moves change the tree's counts, every write adds to the 操作日志).
 */
export async function call<K extends HandlerName>(name: K, input: HandlerInput<K>): Promise<Result<HandlerOutput<K>>> {
  let r: Result<HandlerOutput<K>>;
  try {
    r = await window.api.call(name, input);
  } catch (e) {
    return {
      ok: false,
      error: { code: 'INTERNAL', message: `与后台通讯失败：${e instanceof Error ? e.message : String(e)}` },
    };
  }
  if (r.ok && isWrite(name)) void queryClient.invalidateQueries({ predicate: (q) => !q.meta?.keepOnWrite });
  return r;
}

/** Calls a handler and shows its error as a notification; returns the value or null. */
export async function callNotify<K extends HandlerName>(
  name: K,
  input: HandlerInput<K>,
): Promise<HandlerOutput<K> | null> {
  const r = await call(name, input);
  if (!r.ok) {
    notifyError(r.error);
    return null;
  }
  return r.value;
}

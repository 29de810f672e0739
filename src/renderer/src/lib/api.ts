import { notifications } from '@mantine/notifications';
import type { HandlerInput, HandlerName, HandlerOutput } from '@shared/api';
import type { ApiError, Result } from '@shared/errors';

/** Calls a main-process handler, typed from the shared contract. Never throws. */
export async function call<K extends HandlerName>(name: K, input: HandlerInput<K>): Promise<Result<HandlerOutput<K>>> {
  try {
    return await window.api.call(name, input);
  } catch (e) {
    return {
      ok: false,
      error: { code: 'INTERNAL', message: `与后台通讯失败：${e instanceof Error ? e.message : String(e)}` },
    };
  }
}

export function notifyError(error: ApiError, title = '操作未完成'): void {
  notifications.show({ color: 'red', title, message: error.message, autoClose: 8000 });
}

export function notifySuccess(message: string, title = '已完成'): void {
  notifications.show({ color: 'teal', title, message });
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

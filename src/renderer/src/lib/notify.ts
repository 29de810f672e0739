import { notifications } from '@mantine/notifications';
import type { ApiError } from '@shared/errors';

export function notifyError(error: ApiError, title = '操作未完成'): void {
  notifications.show({ color: 'red', title, message: error.message, autoClose: 8000 });
}

export function notifySuccess(message: string, title = '已完成'): void {
  notifications.show({ color: 'teal', title, message });
}

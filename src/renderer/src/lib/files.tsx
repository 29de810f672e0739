import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { HandlerInput, HandlerName, HandlerOutput } from '@shared/api';
import type { OpenPurpose } from '@shared/files';
import { call, callNotify, notifyError } from './api';

/** Handlers that write a file to a path the clerk chose (`out`). */
export type SaveName = {
  [K in HandlerName]: HandlerInput<K> extends { out: string } ? K : never;
}[HandlerName];

interface SaveOptions<K extends SaveName> {
  /** The save dialog's title, e.g. 导出网格员花名册. */
  title: string;
  /** The suggested file name; .xlsx or .pdf picks the dialog's filter. */
  defaultName: string;
  /** What was saved, for the notification (default: 已保存 and the file's name). */
  describe?(value: HandlerOutput<K>): string;
  /** Title of the error notification. */
  errorTitle?: string;
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

/** Asks the shell for a file to read; null when the clerk cancelled (errors are shown). */
export async function chooseOpen(purpose: OpenPurpose): Promise<string | null> {
  return (await callNotify('files/chooseOpen', { purpose }))?.file ?? null;
}

/** A notification that stays long enough for the clerk to click 打开. */
export function notifySaved(file: string, message: string): void {
  notifications.show({
    color: 'teal',
    title: '已保存',
    autoClose: 12_000,
    message: (
      <Stack gap={4} data-testid="saved-notification">
        <Text size="sm">{message}</Text>
        <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
          {file}
        </Text>
        <Group>
          <Button size="compact-xs" variant="light" onClick={() => void callNotify('files/open', { file })}>
            打开
          </Button>
        </Group>
      </Stack>
    ),
  });
}

/**
 * Asks where to save, has the handler write there, then offers to open the file. Cancelling the
 * dialog does nothing. Returns the handler's answer, or null when nothing was saved.
 */
export async function saveThenOpen<K extends SaveName>(
  name: K,
  input: Omit<HandlerInput<K>, 'out'>,
  options: SaveOptions<K>,
): Promise<HandlerOutput<K> | null> {
  const chosen = await callNotify('files/chooseSave', { title: options.title, defaultName: options.defaultName });
  if (!chosen?.file) return null;
  const r = await call(name, { ...input, out: chosen.file } as HandlerInput<K>);
  if (!r.ok) {
    // The clerk stopped a long job (print/cancel): that is not a failure to report.
    if (r.error.code !== 'CANCELLED') notifyError(r.error, options.errorTitle);
    return null;
  }
  const { file } = r.value as { file: string };
  notifySaved(file, options.describe?.(r.value) ?? `已保存 ${baseName(file)}`);
  return r.value;
}

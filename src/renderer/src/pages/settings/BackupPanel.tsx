import { useState } from 'react';
import { Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { IconDeviceFloppy, IconFileImport, IconRestore } from '@tabler/icons-react';
import dayjs from 'dayjs';
import type { RestoreResult } from '@shared/api';
import type { BackupInfo, RestorePreview } from '@shared/settings';
import type { Result } from '@shared/errors';
import { call, notifyError, notifySuccess } from '@renderer/lib/api';
import { chooseOpen } from '@renderer/lib/files';
import { useApiQuery } from '@renderer/lib/query';
import { RestorePreviewModal } from './RestorePreviewModal';

type RestoreSource = { kind: 'listed'; name: string } | { kind: 'file'; file: string };

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Backs up now, lists the backups, restores one (or a file the clerk picks). */
export function BackupPanel() {
  const info = useApiQuery('app/info', {}).data;
  const list = useApiQuery('backup/list', {});
  const backups = list.data ?? [];
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<{ source: RestoreSource; preview: RestorePreview } | null>(null);

  const backupNow = async () => {
    setBusy(true);
    const r = await call('backup/create', {});
    setBusy(false);
    if (!r.ok) return notifyError(r.error);
    notifySuccess(`已备份到 ${r.value.name}`);
    // A backup leaves the data as it was, so only the list of backups is out of date.
    void list.refetch();
  };

  // A restore is a write: every query, the backup list included, reloads by itself.
  const restored = (r: Result<RestoreResult>) => {
    if (!r.ok) return notifyError(r.error, '恢复失败，当前数据未改变');
    notifySuccess(
      `已从 ${r.value.restoredFrom} 恢复数据。恢复前的数据已另存为 ${r.value.safetyBackupPath}`,
      '恢复完成',
    );
  };

  // First the backup is checked and summarised; the clerk confirms what it holds.
  const inspect = async (source: RestoreSource) => {
    setBusy(true);
    const r =
      source.kind === 'listed'
        ? await call('backup/inspect', { name: source.name })
        : await call('backup/inspectFile', { file: source.file });
    setBusy(false);
    if (!r.ok) return notifyError(r.error, '恢复失败，当前数据未改变');
    setPending({ source, preview: r.value });
  };

  const confirm = async () => {
    if (!pending) return;
    const { source } = pending;
    setBusy(true);
    const r =
      source.kind === 'listed'
        ? await call('backup/restore', { name: source.name })
        : await call('backup/restoreFromFile', { file: source.file });
    setBusy(false);
    setPending(null);
    restored(r);
  };

  const restoreFromFile = async () => {
    const file = await chooseOpen('backup');
    if (file) await inspect({ kind: 'file', file });
  };

  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={4}>数据备份与恢复</Title>
        <Group gap="xs">
          <Button
            variant="default"
            leftSection={<IconFileImport size={16} />}
            onClick={() => void restoreFromFile()}
            disabled={busy}
          >
            从文件恢复…
          </Button>
          <Button leftSection={<IconDeviceFloppy size={16} />} onClick={() => void backupNow()} loading={busy}>
            立即备份
          </Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        每天首次启动时自动备份一次，保留最近 14 份。
      </Text>
      {info && (
        <Text size="sm" c="dimmed">
          数据库：
          <Text span ff="monospace">
            {info.dbPath}
          </Text>
          <br />
          备份文件夹：
          <Text span ff="monospace">
            {info.backupDir}
          </Text>
        </Text>
      )}
      <BackupTable backups={backups} busy={busy} onRestore={(b) => void inspect({ kind: 'listed', name: b.name })} />
      {pending && (
        <RestorePreviewModal
          preview={pending.preview}
          busy={busy}
          onClose={() => setPending(null)}
          onConfirm={() => void confirm()}
        />
      )}
    </Card>
  );
}

function BackupTable({
  backups,
  busy,
  onRestore,
}: {
  backups: BackupInfo[];
  busy: boolean;
  onRestore(b: BackupInfo): void;
}) {
  return (
    <Table mt="sm" striped data-testid="backup-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>备份时间</Table.Th>
          <Table.Th>文件</Table.Th>
          <Table.Th>大小</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {backups.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={4}>
              <Text size="sm" c="dimmed">
                还没有备份
              </Text>
            </Table.Td>
          </Table.Tr>
        )}
        {backups.map((b) => (
          <Table.Tr key={b.name}>
            <Table.Td>{dayjs(b.createdAt).format('YYYY-MM-DD HH:mm:ss')}</Table.Td>
            <Table.Td ff="monospace">{b.name}</Table.Td>
            <Table.Td>{formatSize(b.size)}</Table.Td>
            <Table.Td>
              <Button
                size="xs"
                variant="light"
                leftSection={<IconRestore size={14} />}
                onClick={() => onRestore(b)}
                disabled={busy}
              >
                恢复
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

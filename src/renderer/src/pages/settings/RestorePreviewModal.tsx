import { Alert, Button, Group, List, Modal, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { formatDateTime } from '@shared/dates';
import type { DatabaseSummary, RestorePreview } from '@shared/settings';

const ROWS: { label: string; value(s: DatabaseSummary): string }[] = [
  { label: '网格', value: (s) => `${s.counts.grids} 个` },
  { label: '网格员', value: (s) => `${s.counts.workers} 名` },
  { label: '住户', value: (s) => `${s.counts.households} 户` },
  { label: '工作记录', value: (s) => `${s.counts.records} 条` },
  { label: '最新修改', value: (s) => (s.newestChange ? formatDateTime(s.newestChange) : '—') },
];

/**
 * What a restore would install beside what it would replace, checked before the clerk confirms:
 * the backup has passed SQLite's integrity check and holds a complete GridDesk schema.
 */
export function RestorePreviewModal({
  preview,
  busy,
  onClose,
  onConfirm,
}: {
  preview: RestorePreview;
  busy: boolean;
  onClose(): void;
  onConfirm(): void;
}) {
  return (
    <Modal
      closeButtonProps={{ 'aria-label': '关闭' }}
      opened
      onClose={onClose}
      size="lg"
      title={<Text fw={600}>恢复备份</Text>}
    >
      <Stack>
        <Text size="sm">
          备份文件{' '}
          <Text span ff="monospace">
            {preview.source}
          </Text>{' '}
          已通过完整性检查（数据版本 {preview.backup.schemaVersion}）。恢复后，当前全部数据将被替换为：
        </Text>
        <Table withTableBorder data-testid="restore-preview">
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th>备份中（恢复后）</Table.Th>
              <Table.Th>当前</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ROWS.map((r) => (
              <Table.Tr key={r.label}>
                <Table.Td>{r.label}</Table.Td>
                <Table.Td>{r.value(preview.backup)}</Table.Td>
                <Table.Td>{r.value(preview.current)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {preview.warnings.length > 0 && (
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} title="请核对">
            <List size="sm">
              {preview.warnings.map((w) => (
                <List.Item key={w}>{w}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Text size="sm" c="dimmed">
          恢复前会自动另存一份当前数据到备份文件夹，恢复后会告诉您它的位置。
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button color="orange" loading={busy} onClick={onConfirm}>
            确认恢复
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

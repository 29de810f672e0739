import { Drawer, Table, Text } from '@mantine/core';
import type { AuditEntry } from '@shared/audit';
import { formatDateTime } from '@shared/dates';
import { countsText } from './AuditList';

/** One entry in full: the table cuts long summaries short. */
export function AuditEntryDrawer({ entry, onClose }: { entry: AuditEntry | null; onClose(): void }) {
  return (
    <Drawer
      closeButtonProps={{ 'aria-label': '关闭' }}
      opened={entry !== null}
      onClose={onClose}
      position="right"
      size="md"
      title={<Text fw={600}>操作记录</Text>}
    >
      {entry && (
        <Table variant="vertical" layout="fixed" withTableBorder data-testid="audit-entry">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={90}>时间</Table.Th>
              <Table.Td>{formatDateTime(entry.at)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>操作员</Table.Th>
              <Table.Td>{entry.actor}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>操作</Table.Th>
              <Table.Td>{entry.action}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>对象</Table.Th>
              <Table.Td>{entry.entity ?? '—'}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>内容</Table.Th>
              <Table.Td style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{entry.summary || '—'}</Table.Td>
            </Table.Tr>
            {entry.counts && (
              <Table.Tr>
                <Table.Th>数量</Table.Th>
                <Table.Td>{countsText(entry.counts)}</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      )}
    </Drawer>
  );
}

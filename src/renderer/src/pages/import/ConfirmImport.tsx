import { Alert, Button, Group, List, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { Counts, ImportResult, Replacement, SheetKind } from '@shared/imports';
import { RECORD_KINDS } from '@shared/records';
import { countLabels } from './ImportResults';
import { describeSkipped, skippedRows, type Skipped } from './model';

/** The sheet kind whose rows a count comes from: where its skipped rows are counted. */
const SKIPPED_KIND: Partial<Record<keyof Counts, SheetKind>> = {
  workers: 'workers',
  households: 'households',
  ...Object.fromEntries(RECORD_KINDS.map((k) => [k, k])),
};

function CountsTable({ result, skipped }: { result: ImportResult; skipped: Skipped }) {
  return (
    <Table withTableBorder data-testid="confirm-counts">
      <Table.Thead>
        <Table.Tr>
          <Table.Th />
          <Table.Th>新增</Table.Th>
          <Table.Th>更新</Table.Th>
          <Table.Th>跳过（有错误的行）</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {countLabels(result).map(([k, label]) => {
          const kind = SKIPPED_KIND[k];
          return (
            <Table.Tr key={k}>
              <Table.Th>{label}</Table.Th>
              <Table.Td>{result.created[k] ?? 0}</Table.Td>
              <Table.Td>{result.updated[k] ?? 0}</Table.Td>
              <Table.Td>{kind ? `${skipped.rows[kind] ?? 0} 行` : '—'}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

function Replaced({ replaced }: { replaced: Replacement[] }) {
  return (
    <Alert
      color="orange"
      icon={<IconAlertTriangle size={18} />}
      title={`${replaced.length} 位现任将被替换：其任职将结束（任职历史保留）`}
      data-testid="confirm-replaced"
    >
      <ScrollArea.Autosize mah={150}>
        <List size="sm">
          {replaced.map((r, i) => (
            <List.Item key={i}>
              {r.grid}（{r.role}）：{r.name} → {r.by.join('、')}
            </List.Item>
          ))}
        </List>
      </ScrollArea.Autosize>
    </Alert>
  );
}

/**
 * Asks before a commit, showing what it will write: counts per kind, the rows it will skip and
 * the current holders it will replace. Cancelling changes nothing.
 */
export function ConfirmImport({
  result,
  fileName,
  busy,
  onCancel,
  onConfirm,
}: {
  result: ImportResult;
  fileName: string;
  busy: boolean;
  onCancel(): void;
  onConfirm(): void;
}) {
  const skipped = skippedRows(result);
  const skippedText = describeSkipped(skipped);
  return (
    <Modal
      opened
      onClose={onCancel}
      size="lg"
      title={<Text fw={600}>确认导入“{fileName}”</Text>}
      closeButtonProps={{ 'aria-label': '关闭' }}
    >
      <Stack>
        <Text size="sm">导入后将写入以下内容：</Text>
        <CountsTable result={result} skipped={skipped} />
        {skippedText && (
          <Text size="sm" c="red.7" data-testid="confirm-skipped">
            有错误而不导入：{skippedText}。导入后仍可导出这些行，发回村里修改。
          </Text>
        )}
        {result.replaced.length > 0 && <Replaced replaced={result.replaced} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={busy}>
            取消
          </Button>
          <Button loading={busy} onClick={onConfirm}>
            确认导入
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

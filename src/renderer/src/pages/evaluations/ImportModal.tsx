import { useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconFileSpreadsheet } from '@tabler/icons-react';
import type { SheetImportPreview, SheetView } from '@shared/evaluations';
import { call, callNotify, notifyError, notifySuccess } from '@renderer/lib/api';
import { useApiMutation } from '@renderer/lib/query';
import { pts } from './model';

/**
 * 导入纸质评分: the exported sheet filled in on paper and typed back. Every change and every
 * problem (sheet, row, column) is shown before anything is written; any problem and nothing is.
 */
export function ImportModal({ sheet, onClose }: { sheet: SheetView; onClose(): void }) {
  const run = useApiMutation('evaluations/sheets/import');
  const [file, setFile] = useState<string | null>(null);
  const [preview, setPreview] = useState<SheetImportPreview | null>(null);
  const [loading, setLoading] = useState(false);
  const pick = async () => {
    const chosen = (await callNotify('files/chooseOpen', { purpose: 'roster', title: '选择纸质评分表（Excel）' }))
      ?.file;
    if (!chosen) return;
    setLoading(true);
    const r = await call('evaluations/sheets/importPreview', { id: sheet.id, file: chosen });
    setLoading(false);
    if (!r.ok) return notifyError(r.error, '文件未能读取');
    setFile(chosen);
    setPreview(r.value);
  };
  const confirm = async () => {
    const r = await run.mutateAsync({ id: sheet.id, file: file! });
    if (!r.ok) return notifyError(r.error, '导入未完成');
    notifySuccess(`已导入纸质评分：${r.value.changed} 项得分有变化`);
    onClose();
  };
  const blocked = !preview || preview.errors.length > 0 || preview.changes.length === 0;
  return (
    <Modal
      opened
      onClose={onClose}
      centered
      size={760}
      zIndex={400}
      title={<Text fw={600}>导入纸质评分</Text>}
      closeButtonProps={{ 'aria-label': '关闭' }}
    >
      <Stack gap="sm">
        <Text size="sm">
          选择由“导出 Excel”得到、在纸上评分后录回的文件。导入前先列出每一项变化；文件中有任何错误则不导入。
        </Text>
        <Group>
          <Button
            variant="default"
            leftSection={<IconFileSpreadsheet size={16} />}
            disabled={loading}
            onClick={() => void pick()}
          >
            {loading ? '正在读取…' : file ? '重新选择文件…' : '选择文件…'}
          </Button>
          {file && (
            <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
              {file}
            </Text>
          )}
        </Group>
        {preview && <PreviewTables preview={preview} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button disabled={blocked} loading={run.isPending} onClick={() => void confirm()}>
            确认导入
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function PreviewTables({ preview }: { preview: SheetImportPreview }) {
  if (preview.errors.length > 0)
    return (
      <Alert
        color="red"
        icon={<IconAlertTriangle size={16} />}
        title={`文件有 ${preview.errors.length} 处错误，未导入`}
        data-testid="import-errors"
      >
        <Table fz="xs" verticalSpacing={2} mah={260} style={{ display: 'block', overflowY: 'auto' }}>
          <Table.Tbody>
            {preview.errors.map((e, i) => (
              <Table.Tr key={i}>
                <Table.Td>
                  {e.sheet} 第 {e.row} 行 {e.column} 列
                </Table.Td>
                <Table.Td>{e.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Alert>
    );
  if (preview.changes.length === 0) return <Text size="sm">文件中的得分与评分表相同，没有需要导入的变化。</Text>;
  return (
    <Stack gap={4} data-testid="import-changes">
      <Text size="sm" fw={600}>
        将修改 {preview.changes.length} 项得分：
      </Text>
      <div style={{ maxHeight: 300, overflowY: 'auto' }}>
        <Table fz="sm" striped verticalSpacing={2} withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>姓名</Table.Th>
              <Table.Th>项目</Table.Th>
              <Table.Th ta="right">原得分</Table.Th>
              <Table.Th ta="right">新得分</Table.Th>
              <Table.Th>理由</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.changes.map((c, i) => (
              <Table.Tr key={i}>
                <Table.Td>{c.workerName}</Table.Td>
                <Table.Td>{c.item}</Table.Td>
                <Table.Td ta="right">{pts(c.fromX10)}</Table.Td>
                <Table.Td ta="right" fw={600}>
                  {pts(c.toX10)}
                </Table.Td>
                <Table.Td>{c.reason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
    </Stack>
  );
}

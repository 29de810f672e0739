import { Alert, Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { IconAlertTriangle, IconCheck, IconFileAlert } from '@tabler/icons-react';
import type { Counts, ImportResult } from '@shared/imports';
import { RECORD_KINDS, RECORD_LABELS } from '@shared/records';
import { useNavigate } from '@renderer/lib/navigation';
import { ERRORS_SHOWN, errorRowCount } from './model';

export const COUNT_LABELS: [keyof Counts, string][] = [
  ['grids', '网格'],
  ['workers', '网格员'],
  ['assignments', '任职'],
  ['households', '住户'],
];

/** The rosters' counts, then each ledger the file holds (a roster file's table stays as it was). */
export function countLabels(result: Pick<ImportResult, 'sheets'>): [keyof Counts, string][] {
  const ledgers = RECORD_KINDS.filter((k) => result.sheets.some((s) => s.kind === k));
  return [...COUNT_LABELS, ...ledgers.map((k): [keyof Counts, string] => [k, RECORD_LABELS[k]])];
}

/** What a commit would create, update or leave as it is. */
export function ImportSummary({ result }: { result: ImportResult }) {
  const labels = countLabels(result);
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        检查结果（预览，尚未写入）
      </Title>
      <Table withTableBorder data-testid="import-summary" maw={labels.length > COUNT_LABELS.length ? undefined : 640}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            {labels.map(([, l]) => (
              <Table.Th key={l}>{l}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(
            [
              ['新增', result.created],
              ['更新', result.updated],
              ['不变', result.unchanged],
            ] as const
          ).map(([label, c]) => (
            <Table.Tr key={label}>
              <Table.Th>{label}</Table.Th>
              {labels.map(([k]) => (
                <Table.Td key={k}>{c[k] ?? 0}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** A file that could not be read: its message, and nothing that would suggest it was. */
export function ImportFileError({ message }: { message: string }) {
  return (
    <Alert color="red" icon={<IconFileAlert />} title="无法导入这个文件" data-testid="import-file-error">
      <Text size="sm">{message}</Text>
    </Alert>
  );
}

/**
 * The rows that cannot be imported (before a commit) or were not (after one), with the button
 * that saves them for the village. At most ERRORS_SHOWN are listed; the saved file has them all.
 */
export function ImportErrors({
  errors,
  onSave,
  committed = false,
}: {
  errors: ImportResult['errors'];
  onSave(): void;
  committed?: boolean;
}) {
  const shown = errors.slice(0, ERRORS_SHOWN);
  const title = committed ? `以下 ${errorRowCount(errors)} 行有错误，没有导入` : `发现 ${errors.length} 处错误`;
  return (
    <Card withBorder data-testid={committed ? 'import-not-imported' : 'import-error-card'}>
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <IconAlertTriangle color="var(--mantine-color-red-6)" />
          <Title order={4}>{title}</Title>
        </Group>
        <Button variant="light" color="red" onClick={onSave}>
          {committed ? '导出未导入的行（发回村里修改）' : '导出错误清单（发回村里修改）'}
        </Button>
      </Group>
      <DataTable
        withTableBorder
        striped
        height={Math.min(420, 60 + shown.length * 36)}
        records={shown.map((e, i) => ({ ...e, id: i }))}
        data-testid="import-errors"
        columns={[
          { accessor: 'sheet', title: '工作表', width: 120 },
          { accessor: 'row', title: '行号', width: 70 },
          { accessor: 'person', title: '姓名', width: 100 },
          { accessor: 'column', title: '列', width: 120 },
          { accessor: 'message', title: '问题' },
        ]}
      />
      {errors.length > shown.length && (
        <Text size="sm" c="dimmed" mt="xs" data-testid="import-errors-more">
          只列出前 {shown.length} 条，另有 {errors.length - shown.length} 条，请导出查看。
        </Text>
      )}
    </Card>
  );
}

/** What the commit did, with the ways on to the lists it changed. */
export function ImportDone({ done }: { done: ImportResult }) {
  const navigate = useNavigate();
  const labels = countLabels(done);
  return (
    <Alert color="teal" icon={<IconCheck />} title="导入完成" data-testid="import-done">
      <Text size="sm">
        新增：{labels.map(([k, l]) => `${l} ${done.created[k] ?? 0}`).join('，')}；更新：
        {labels.map(([k, l]) => `${l} ${done.updated[k] ?? 0}`).join('，')}。
        {done.errors.length > 0 && `有错误的 ${errorRowCount(done.errors)} 行没有导入，见下方清单。`}
      </Text>
      <Group mt="sm">
        <Button size="xs" onClick={() => navigate('workers')}>
          查看网格员
        </Button>
        <Button size="xs" variant="default" onClick={() => navigate('households')}>
          查看住户
        </Button>
        <Button size="xs" variant="default" onClick={() => navigate('grids')}>
          查看网格
        </Button>
      </Group>
    </Alert>
  );
}

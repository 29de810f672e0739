import { Alert, Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import type { Counts, ImportResult } from '@shared/imports';
import { useNavigate } from '@renderer/lib/navigation';

export const COUNT_LABELS: [keyof Counts, string][] = [
  ['grids', '网格'],
  ['workers', '网格员'],
  ['assignments', '任职'],
  ['households', '住户'],
];

/** What a commit would create, update or leave as it is. */
export function ImportSummary({ result }: { result: ImportResult }) {
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        检查结果（预览，尚未写入）
      </Title>
      <Table withTableBorder data-testid="import-summary" maw={640}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            {COUNT_LABELS.map(([, l]) => (
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
              {COUNT_LABELS.map(([k]) => (
                <Table.Td key={k}>{c[k]}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** The rows that cannot be imported, with the button that saves them for the village. */
export function ImportErrors({ errors, onSave }: { errors: ImportResult['errors']; onSave(): void }) {
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <IconAlertTriangle color="var(--mantine-color-red-6)" />
          <Title order={4}>发现 {errors.length} 处错误</Title>
        </Group>
        <Button variant="light" color="red" onClick={onSave}>
          导出错误清单（发回村里修改）
        </Button>
      </Group>
      <DataTable
        withTableBorder
        striped
        height={Math.min(420, 60 + errors.length * 36)}
        records={errors.map((e, i) => ({ ...e, id: i }))}
        data-testid="import-errors"
        columns={[
          { accessor: 'sheet', title: '工作表', width: 120 },
          { accessor: 'row', title: '行号', width: 70 },
          { accessor: 'column', title: '列', width: 120 },
          { accessor: 'message', title: '问题' },
        ]}
      />
    </Card>
  );
}

/** What the commit did, with the ways on to the lists it changed. */
export function ImportDone({ done }: { done: ImportResult }) {
  const navigate = useNavigate();
  return (
    <Alert color="teal" icon={<IconCheck />} title="导入完成" data-testid="import-done">
      <Text size="sm">
        新增：{COUNT_LABELS.map(([k, l]) => `${l} ${done.created[k]}`).join('，')}；更新：
        {COUNT_LABELS.map(([k, l]) => `${l} ${done.updated[k]}`).join('，')}。
        {done.errors.length > 0 && `另有 ${done.errors.length} 处错误的行未导入。`}
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

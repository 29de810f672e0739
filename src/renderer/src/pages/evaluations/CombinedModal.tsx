import { useState } from 'react';
import { Alert, Badge, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { DataTable, type DataTableColumn } from 'mantine-datatable';
import type { CombinedResult, SchemeView } from '@shared/evaluations';
import { useApiQuery } from '@renderer/lib/query';
import { GridSelect } from '@renderer/components/GridSelect';
import { GRADE_COLORS, pts } from './model';

type Line = CombinedResult['lines'][number];

const VILLAGE = [2] as const;

/** A combined scheme's year result for a village, from the approved sheets of its parts. */
export function CombinedModal({ scheme, onClose }: { scheme: SchemeView; onClose(): void }) {
  const [villageId, setVillageId] = useState<number | null>(null);
  const [year, setYear] = useState(new Date().getFullYear());
  const result = useApiQuery(
    'evaluations/combined',
    { schemeId: scheme.id, villageId: villageId ?? 0, year },
    { enabled: villageId !== null, silent: true },
  );
  const r = result.data;
  const columns: DataTableColumn<Line>[] = [
    { accessor: 'workerName', title: '姓名', width: 100 },
    ...(r?.parts ?? []).map((p, i): DataTableColumn<Line> => ({
      accessor: `part-${p.schemeId}`,
      title: `${p.schemeName}（${p.weight}%）`,
      textAlign: 'right',
      render: (l) => (l.partsX10[i] === null ? '—' : pts(l.partsX10[i]!)),
    })),
    {
      accessor: 'totalX10',
      title: '综合得分',
      width: 90,
      textAlign: 'right',
      render: (l) => (l.totalX10 === null ? '—' : pts(l.totalX10)),
    },
    {
      accessor: 'grade',
      title: '等次',
      width: 170,
      render: (l) => (
        <Group gap={4} wrap="nowrap">
          <Badge color={GRADE_COLORS[l.grade]} variant="light" tt="none">
            {l.grade}
          </Badge>
          {l.missing && (
            <Text size="xs" c="dimmed" lineClamp={1}>
              {l.missing}
            </Text>
          )}
        </Group>
      ),
    },
  ];
  const years = Array.from({ length: 6 }, (_, i) => String(new Date().getFullYear() - i));
  return (
    <Modal
      opened
      onClose={onClose}
      centered
      size={900}
      title={<Text fw={600}>{scheme.name}：综合结果</Text>}
      closeButtonProps={{ 'aria-label': '关闭' }}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          按各组成方案在该年度已审定的评分表加权计算（同一方案有多期时取平均）；缺少某一部分的不评定。
        </Text>
        <Group>
          <GridSelect label="村（社区）" levels={VILLAGE} w={260} value={villageId} onChange={setVillageId} />
          <Select
            label="年度"
            w={110}
            data={years}
            allowDeselect={false}
            value={String(year)}
            onChange={(v) => v && setYear(Number(v))}
          />
        </Group>
        {result.error && <Alert color="red">{result.error.apiError.message}</Alert>}
        {villageId !== null && (
          <DataTable<Line>
            withTableBorder
            striped
            minHeight={120}
            height={420}
            fetching={result.isFetching}
            records={r?.lines ?? []}
            idAccessor="workerId"
            noRecordsText="这个村没有可合成的结果"
            columns={columns}
            data-testid="combined-table"
          />
        )}
      </Stack>
    </Modal>
  );
}

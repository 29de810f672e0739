import { Badge, Text } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import type { RecommendationRow } from '@shared/recommendations';
import { useApiQuery } from '@renderer/lib/query';
import type { Filters } from './RecommendationsPage';
import { StatusBadge } from './StatusBadge';

/** The pipeline's recommendations of the year; a row opens its drawer. */
export function RecommendationList({ filters, onOpen }: { filters: Filters; onOpen(id: number): void }) {
  const list = useApiQuery('recommendations/list', filters);
  return (
    <DataTable<RecommendationRow>
      withTableBorder
      striped
      highlightOnHover
      minHeight={160}
      height="calc(100dvh - 300px)"
      fetching={list.isFetching}
      records={list.data ?? []}
      noRecordsText="这一年度还没有推优记录"
      data-testid="recommendation-table"
      onRowClick={({ record }) => onOpen(record.id)}
      columns={[
        { accessor: 'village', title: '村（社区）', width: 110 },
        { accessor: 'workerName', title: '姓名', width: 90 },
        { accessor: 'age', title: '年龄', width: 60, render: (r) => (r.age === null ? '' : `${r.age}`) },
        { accessor: 'politicalStatus', title: '政治面貌', width: 100 },
        { accessor: 'education', title: '学历', width: 70 },
        {
          accessor: 'grids',
          title: '所在网格',
          render: (r) => (
            <Text size="sm" lineClamp={1} title={r.grids}>
              {r.grids}
            </Text>
          ),
        },
        { accessor: 'stage', title: '当前环节', width: 130 },
        { accessor: 'status', title: '状态', width: 90, render: (r) => <StatusBadge status={r.status} /> },
        { accessor: 'lastDate', title: '日期', width: 105 },
        {
          accessor: 'honour',
          title: '级别/类别',
          width: 100,
          render: (r) =>
            r.awardLevel || r.deputyKind ? (
              <Badge variant="light" color="grape">
                {r.awardLevel ?? r.deputyKind}
              </Badge>
            ) : null,
        },
      ]}
    />
  );
}

import { Badge, Button, Group, Text } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import type { Hint, HintReason } from '@shared/recommendations';
import { useApiQuery } from '@renderer/lib/query';
import type { Filters } from './RecommendationsPage';

function reasonColor(r: HintReason): string {
  return r.ok === true ? 'teal' : r.ok === false ? 'red' : 'gray';
}

/** 候选人提示: the facts for and against each worker in post; the clerk decides whom to propose. */
export function HintsPanel({ filters, onPropose }: { filters: Filters; onPropose(workerId: number): void }) {
  const hints = useApiQuery('recommendations/hints', {
    pipeline: filters.pipeline,
    year: filters.year,
    villageId: filters.villageId,
  });
  return (
    <>
      <Text size="sm" c="dimmed" mb="xs">
        根据审定的考核结果、年龄、学历、政治面貌和任职年限给出的提示，仅供参考；是否推荐由组织研究决定。
        绿色为有利条件，红色为不利条件。
      </Text>
      <DataTable<Hint>
        withTableBorder
        striped
        minHeight={160}
        height="calc(100dvh - 330px)"
        fetching={hints.isFetching}
        records={hints.data ?? []}
        idAccessor="workerId"
        noRecordsText="没有在岗的网格员"
        data-testid="hint-table"
        columns={[
          { accessor: 'village', title: '村（社区）', width: 110 },
          { accessor: 'name', title: '姓名', width: 90 },
          {
            accessor: 'reasons',
            title: '提示',
            render: (h) => (
              <Group gap={4}>
                {h.reasons.map((r) => (
                  <Badge key={r.text} variant="light" color={reasonColor(r)} style={{ textTransform: 'none' }}>
                    {r.text}
                  </Badge>
                ))}
              </Group>
            ),
          },
          {
            accessor: 'actions',
            title: '',
            width: 100,
            render: (h) => (
              <Button
                size="compact-xs"
                variant={h.fit ? 'light' : 'subtle'}
                disabled={h.existing !== null}
                aria-label={`推荐${h.name}`}
                onClick={() => onPropose(h.workerId)}
              >
                新建推优
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}

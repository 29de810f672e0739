import { useState } from 'react';
import { BarChart, DonutChart, LineChart } from '@mantine/charts';
import { Anchor, Group, Paper, Select, SimpleGrid, Text, Title } from '@mantine/core';
import type { RecordKind } from '@shared/records';
import type { Dashboard, VillageFigures } from '@shared/reports';
import type { RecordFilters } from '../records/model';
import type { OpenRecords } from './open-records';

const TREND = [
  { name: 'disputes', label: '矛盾纠纷', color: 'red.6' },
  { name: 'reports', label: '信息报告', color: 'blue.6' },
  { name: 'services', label: '便民服务', color: 'teal.6' },
  { name: 'visits', label: '走访', color: 'grape.6' },
  { name: 'publicity', label: '政策宣传', color: 'orange.6' },
];

/** What the villages can be compared on; a bar of a count of records opens those records. */
const MEASURES: {
  value: keyof VillageFigures;
  label: string;
  records?: { kind: RecordKind; filters?: Partial<RecordFilters> };
}[] = [
  { value: 'disputesFound', label: '矛盾纠纷排查数', records: { kind: 'disputes' } },
  { value: 'disputesSuccess', label: '调解成功数', records: { kind: 'disputes', filters: { status: '调解成功' } } },
  { value: 'reports', label: '信息报告', records: { kind: 'reports' } },
  { value: 'services', label: '便民服务', records: { kind: 'services' } },
  { value: 'visits', label: '走访', records: { kind: 'visits' } },
  { value: 'households', label: '户数' },
  { value: 'workers', label: '网格员' },
];

const COLORS = [
  'blue.6',
  'red.6',
  'teal.6',
  'grape.6',
  'orange.6',
  'cyan.6',
  'lime.6',
  'pink.6',
  'indigo.6',
  'yellow.6',
];

function Panel({ title, extra, children }: { title: string; extra?: React.ReactNode; children: React.ReactNode }) {
  return (
    <Paper withBorder p="xs" miw={0}>
      <Group justify="space-between" mb={4} wrap="nowrap">
        <Title order={6}>{title}</Title>
        {extra}
      </Group>
      {children}
    </Paper>
  );
}

/** Trend by month, villages side by side (a bar opens its village's records), category mix (its names open them). */
export function DashboardCharts({ d, openRecords }: { d: Dashboard; openRecords: OpenRecords }) {
  const [measure, setMeasure] = useState<keyof VillageFigures>('disputesFound');
  const villages = d.figures.rows.map((r) => ({ name: r.name, villageId: r.villageId, value: Number(r[measure]) }));
  const records = MEASURES.find((m) => m.value === measure)?.records;
  const openVillage = (entry: { payload?: { villageId: number | null } }) => {
    const id = entry.payload?.villageId;
    if (records && id != null) openRecords(records.kind, { ...records.filters, gridId: id });
  };
  const cats = d.categories.map((c, i) => ({ name: c.category, value: c.count, color: COLORS[i % COLORS.length]! }));
  return (
    <SimpleGrid cols={3} spacing="xs">
      <Panel title="按月趋势">
        <LineChart h={200} data={d.byMonth} dataKey="month" series={TREND} withLegend curveType="linear" />
      </Panel>
      <Panel
        title="各村对比"
        extra={
          <Select
            size="xs"
            w={130}
            data={MEASURES as { value: string; label: string }[]}
            value={measure}
            onChange={(v) => v && setMeasure(v as keyof VillageFigures)}
            allowDeselect={false}
            aria-label="对比指标"
          />
        }
      >
        <BarChart
          h={200}
          data={villages}
          dataKey="name"
          series={[{ name: 'value', label: '数量', color: 'blue.6' }]}
          barProps={{ onClick: openVillage, cursor: records ? 'pointer' : undefined }}
        />
      </Panel>
      <Panel title="纠纷类别构成">
        {cats.length === 0 ? (
          <Text c="dimmed" size="sm">
            本期没有矛盾纠纷
          </Text>
        ) : (
          <Group wrap="nowrap" align="flex-start" gap="xs">
            <DonutChart size={140} thickness={24} data={cats} withTooltip />
            <Group gap={4} style={{ flex: 1, minWidth: 0 }}>
              {cats.slice(0, 10).map((c) => (
                <Anchor
                  key={c.name}
                  size="xs"
                  component="button"
                  type="button"
                  onClick={() => openRecords('disputes', { category: c.name })}
                >
                  {c.name} {c.value}
                </Anchor>
              ))}
            </Group>
          </Group>
        )}
      </Panel>
    </SimpleGrid>
  );
}

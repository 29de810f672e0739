import { useState } from 'react';
import { Group, Paper, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { MECHANISM_LABELS, MECHANISMS, type YearTotals } from '@shared/subsidies';
import { useApiQuery } from '@renderer/lib/query';
import { yuan } from './model';

const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: 6 }, (_, i) => String(THIS_YEAR - i));

/** 年度汇总: a year's payouts by mechanism, village and worker. */
export function YearPanel() {
  const [year, setYear] = useState(String(THIS_YEAR));
  const totals = useApiQuery('subsidies/totals', { year: Number(year) });
  const t = totals.data;
  return (
    <Stack gap="sm">
      <Group align="flex-end">
        <Select
          label="年度"
          data={YEARS}
          value={year}
          onChange={(v) => v && setYear(v)}
          w={140}
          allowDeselect={false}
        />
        <Text size="sm" c="dimmed" pb={6}>
          按该年各发放批次的实发金额汇总（含调整）。
        </Text>
      </Group>
      {t && <MechanismTotals totals={t} />}
      <SimpleGrid cols={2} spacing="sm">
        <DataTable
          withTableBorder
          striped
          minHeight={160}
          height="calc(100dvh - 330px)"
          fetching={totals.isLoading}
          records={t?.byVillage ?? []}
          idAccessor="village"
          noRecordsText="这一年没有发放批次"
          data-testid="year-villages"
          columns={[
            { accessor: 'village', title: '村（社区）' },
            { accessor: 'totalFen', title: '合计', textAlign: 'right', render: (v) => yuan(v.totalFen) },
          ]}
        />
        <DataTable
          withTableBorder
          striped
          minHeight={160}
          height="calc(100dvh - 330px)"
          fetching={totals.isLoading}
          records={t?.byWorker ?? []}
          idAccessor="workerId"
          noRecordsText="这一年没有发放批次"
          data-testid="year-workers"
          columns={[
            { accessor: 'worker', title: '姓名' },
            { accessor: 'village', title: '村（社区）' },
            { accessor: 'totalFen', title: '合计', textAlign: 'right', render: (w) => yuan(w.totalFen) },
          ]}
        />
      </SimpleGrid>
    </Stack>
  );
}

function MechanismTotals({ totals }: { totals: YearTotals }) {
  return (
    <SimpleGrid cols={5} spacing="xs" data-testid="year-mechanisms">
      {MECHANISMS.map((m) => (
        <Paper key={m} withBorder px="sm" py={4}>
          <Text size="xs" c="dimmed">
            {MECHANISM_LABELS[m]}
          </Text>
          <Text fw={600}>{yuan(totals.byMechanism[m])}</Text>
        </Paper>
      ))}
      <Paper withBorder px="sm" py={4} bg="blue.0">
        <Text size="xs" c="dimmed">
          {totals.year} 年合计
        </Text>
        <Text fw={700}>{yuan(totals.totalFen)}</Text>
      </Paper>
    </SimpleGrid>
  );
}

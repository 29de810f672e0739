import '@mantine/charts/styles.css';
import { useEffect, useState } from 'react';
import { Alert, Button, Group, Loader, SegmentedControl, Stack, Tabs, TextInput, Title } from '@mantine/core';
import { IconFileSpreadsheet, IconPackageExport } from '@tabler/icons-react';
import { GridSelect } from '@renderer/components/GridSelect';
import { saveThenOpen } from '@renderer/lib/files';
import { useApiQuery } from '@renderer/lib/query';
import { today } from '../records/model';
import { DashboardCards } from './DashboardCards';
import { DashboardCharts } from './DashboardCharts';
import { HealthList } from './HealthList';
import { MergePanel } from './MergePanel';
import { useOpenRecords, type Scope } from './open-records';
import { PERIOD_OPTIONS, periodName, periodOf, type PeriodKind } from './period-model';
import { VillageTable } from './VillageTable';

/** What the clerk chose, kept while the app runs: coming back from the records opened keeps it. */
const remembered: { kind: PeriodKind; date: string; custom: { from: string; to: string }; gridId: number | null } = {
  kind: 'month',
  date: today(),
  custom: periodOf('month', today()),
  gridId: null,
};

/** The period picker: a kind and a date inside it, or a custom from–to. */
function usePeriod() {
  const [kind, setKind] = useState<PeriodKind>(remembered.kind);
  const [date, setDate] = useState(remembered.date);
  const [custom, setCustom] = useState(remembered.custom);
  const [gridId, setGridId] = useState<number | null>(remembered.gridId);
  useEffect(() => void Object.assign(remembered, { kind, date, custom, gridId }), [kind, date, custom, gridId]);
  const range = kind === 'custom' ? custom : periodOf(kind, date || today());
  return { kind, setKind, date, setDate, custom, setCustom, gridId, setGridId, range };
}

/** 统计报表: the township's dashboard, and the county office's 县级汇总. */
export function ReportsPage() {
  return (
    <Tabs defaultValue="dashboard" keepMounted={false}>
      <Tabs.List mb="xs">
        <Tabs.Tab value="dashboard">统计看板</Tabs.Tab>
        <Tabs.Tab value="merge">县级汇总</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="dashboard">
        <DashboardView />
      </Tabs.Panel>
      <Tabs.Panel value="merge">
        <MergePanel />
      </Tabs.Panel>
    </Tabs>
  );
}

/** The report's figures for a period and subtree, charts, villages, health; export 报送报表. */
function DashboardView() {
  const p = usePeriod();
  const { gridId, setGridId } = p;
  const scope: Scope = { ...p.range, gridId };
  const valid = scope.from !== '' && scope.to !== '' && scope.from <= scope.to;
  // Silent: the page shows the reason itself (a county office's database has no township to report on).
  const q = useApiQuery('reports/dashboard', scope, { enabled: valid, silent: true });
  const openRecords = useOpenRecords(scope);
  const exportWorkbook = () =>
    void saveThenOpen('reports/workbook', scope, {
      title: '导出报送报表',
      defaultName: `报送报表（${periodName(p.kind, scope.from, scope.to)}）.xlsx`,
      errorTitle: '报送报表导出失败',
    });
  const exportPackage = () =>
    void saveThenOpen('reports/package', scope, {
      title: '导出报送包',
      defaultName: `报送包（${periodName(p.kind, scope.from, scope.to)}）.gdpkg`,
      errorTitle: '报送包导出失败',
    });
  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="nowrap">
        <Title order={3}>统计报表</Title>
        <Group gap="xs" wrap="nowrap">
          <Button
            variant="default"
            leftSection={<IconPackageExport size={16} />}
            onClick={exportPackage}
            disabled={!valid}
          >
            导出报送包
          </Button>
          <Button leftSection={<IconFileSpreadsheet size={16} />} onClick={exportWorkbook} disabled={!valid}>
            导出报送报表
          </Button>
        </Group>
      </Group>
      <Group gap="xs" wrap="nowrap">
        <SegmentedControl
          size="xs"
          data={PERIOD_OPTIONS}
          value={p.kind}
          onChange={(v) => p.setKind(v as PeriodKind)}
          aria-label="统计周期"
        />
        {p.kind === 'custom' ? (
          <>
            <TextInput
              size="xs"
              type="date"
              aria-label="起始日期"
              value={p.custom.from}
              onChange={(e) => p.setCustom({ ...p.custom, from: e.currentTarget.value })}
            />
            <TextInput
              size="xs"
              type="date"
              aria-label="截止日期"
              value={p.custom.to}
              onChange={(e) => p.setCustom({ ...p.custom, to: e.currentTarget.value })}
            />
          </>
        ) : (
          <TextInput
            size="xs"
            type="date"
            aria-label="统计日期"
            value={p.date}
            onChange={(e) => p.setDate(e.currentTarget.value)}
          />
        )}
        <GridSelect
          size="xs"
          levels={[1, 2, 3, 4]}
          value={gridId}
          onChange={setGridId}
          placeholder="全镇"
          clearable
          w={260}
          aria-label="统计范围"
        />
        <span data-testid="report-period">
          {scope.from} 至 {scope.to}
        </span>
      </Group>
      {!valid && <Alert color="yellow">起始日期不能晚于截止日期</Alert>}
      {q.isPending && valid && <Loader size="sm" />}
      {q.error && <Alert color="red">{q.error.message}</Alert>}
      {q.data && (
        <>
          <DashboardCards d={q.data} openRecords={openRecords} />
          <DashboardCharts d={q.data} openRecords={openRecords} />
          <VillageTable figures={q.data.figures} scope={scope} />
          <Title order={5}>问题清单</Title>
          <HealthList items={q.data.health} />
        </>
      )}
    </Stack>
  );
}

import { useState } from 'react';
import { Button, Group, NumberInput, SegmentedControl, Select, Stack, Tabs } from '@mantine/core';
import { IconFileSpreadsheet, IconPlus } from '@tabler/icons-react';
import { todayIso } from '@shared/dates';
import { PIPELINES, PIPELINE_LABELS, REC_STATUSES, type Pipeline, type RecStatus } from '@shared/recommendations';
import { GridSelect } from '@renderer/components/GridSelect';
import { saveThenOpen } from '@renderer/lib/files';
import { CreateModal } from './CreateModal';
import { HintsPanel } from './HintsPanel';
import { RecommendationDrawer } from './RecommendationDrawer';
import { RecommendationList } from './RecommendationList';

export interface Filters {
  pipeline: Pipeline;
  year: number;
  villageId: number | null;
  status: RecStatus | null;
}

/** 推优: pipelines per worker with dated steps, candidate hints from the data, lists and 推荐表. */
export function RecommendationsPage() {
  const [filters, setFilters] = useState<Filters>({
    pipeline: 'award',
    year: Number(todayIso().slice(0, 4)),
    villageId: null,
    status: null,
  });
  const [tab, setTab] = useState<string | null>('list');
  const [openId, setOpenId] = useState<number | null>(null);
  const [creating, setCreating] = useState<{ workerId: number | null } | null>(null);
  const set =
    <K extends keyof Filters>(k: K) =>
    (v: Filters[K]) =>
      setFilters((f) => ({ ...f, [k]: v }));
  const exportList = () =>
    void saveThenOpen('recommendations/export', filters, {
      title: '导出推优名单',
      defaultName: `${filters.year}年度${PIPELINE_LABELS[filters.pipeline]}名单.xlsx`,
      describe: (r) => `已导出 ${r.rows} 人`,
    });
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="nowrap">
        <SegmentedControl
          aria-label="推优类别"
          value={filters.pipeline}
          onChange={(v) => set('pipeline')(v as Pipeline)}
          data={PIPELINES.map((p) => ({ value: p, label: PIPELINE_LABELS[p] }))}
        />
        <Group gap="xs" wrap="nowrap">
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating({ workerId: null })}>
            新建推优
          </Button>
          <Button variant="default" leftSection={<IconFileSpreadsheet size={16} />} onClick={exportList}>
            导出 Excel
          </Button>
        </Group>
      </Group>
      <Group gap="sm" wrap="nowrap">
        <NumberInput
          aria-label="年度"
          w={110}
          min={2000}
          max={2100}
          suffix=" 年度"
          value={filters.year}
          onChange={(v) => typeof v === 'number' && set('year')(v)}
        />
        <GridSelect
          levels={[2]}
          aria-label="村（社区）"
          placeholder="全部村（社区）"
          w={240}
          value={filters.villageId}
          onChange={set('villageId')}
        />
        <Select
          aria-label="状态"
          placeholder="全部状态"
          clearable
          w={130}
          data={[...REC_STATUSES]}
          value={filters.status}
          onChange={(v) => set('status')(v as RecStatus | null)}
        />
      </Group>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="list">{PIPELINE_LABELS[filters.pipeline]}名单</Tabs.Tab>
          <Tabs.Tab value="hints">候选人提示</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="list" pt="sm">
          <RecommendationList filters={filters} onOpen={setOpenId} />
        </Tabs.Panel>
        <Tabs.Panel value="hints" pt="sm">
          <HintsPanel filters={filters} onPropose={(workerId) => setCreating({ workerId })} />
        </Tabs.Panel>
      </Tabs>
      {creating && (
        <CreateModal
          pipeline={filters.pipeline}
          year={filters.year}
          workerId={creating.workerId}
          onClose={() => setCreating(null)}
          onCreated={(id) => {
            setCreating(null);
            setTab('list');
            setOpenId(id);
          }}
        />
      )}
      <RecommendationDrawer id={openId} onClose={() => setOpenId(null)} />
    </Stack>
  );
}

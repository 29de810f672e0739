import { useState } from 'react';
import { Stack, Tabs } from '@mantine/core';
import { BatchesPanel } from './BatchesPanel';
import { PostsPanel } from './PostsPanel';
import { RulesPanel } from './RulesPanel';
import { SharesPanel } from './SharesPanel';
import { YearPanel } from './YearPanel';

const TABS = [
  { value: 'batches', label: '发放批次', panel: BatchesPanel },
  { value: 'rules', label: '补贴标准', panel: RulesPanel },
  { value: 'shares', label: '集体收入切块', panel: SharesPanel },
  { value: 'posts', label: '公益岗位', panel: PostsPanel },
  { value: 'year', label: '年度汇总', panel: YearPanel },
] as const;

/** 补贴: payout batches computed from the records, the rules they use, and the year's totals. */
export function SubsidiesPage() {
  const [tab, setTab] = useState<string | null>('batches');
  return (
    <Stack gap="sm">
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TABS.map(({ value, panel: Panel }) => (
          <Tabs.Panel key={value} value={value} pt="sm">
            <Panel />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

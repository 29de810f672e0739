import { useState } from 'react';
import { Stack, Tabs } from '@mantine/core';
import { HistoryPanel } from './HistoryPanel';
import { SchemesPanel } from './SchemesPanel';
import { SheetsPanel } from './SheetsPanel';

const TABS = [
  { value: 'sheets', label: '评分表', panel: SheetsPanel },
  { value: 'schemes', label: '考核方案', panel: SchemesPanel },
  { value: 'history', label: '等次档案', panel: HistoryPanel },
] as const;

/** 考核: scoring sheets pre-filled from the records, the schemes they follow, and each worker's grades. */
export function EvaluationsPage() {
  const [tab, setTab] = useState<string | null>('sheets');
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

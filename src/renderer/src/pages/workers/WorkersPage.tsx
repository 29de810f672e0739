import { useState } from 'react';
import { Button, Menu, Stack, Tabs } from '@mantine/core';
import { IconChevronDown, IconPlus, IconUpload } from '@tabler/icons-react';
import type { WorkerSummary } from '@shared/people';
import { usePagedList } from '@renderer/lib/use-paged-list';
import { useNavigate, useTarget } from '@renderer/lib/navigation';
import { PageHeader } from '@renderer/components/list/ListPage';
import { RosterExportMenu } from '@renderer/components/RosterExportMenu';
import { LeaveModal } from './LeaveModal';
import { PrintCardsModal } from './PrintCardsModal';
import { Vacancies } from './Vacancies';
import { WorkerDetailDrawer } from './WorkerDetailDrawer';
import { WorkerFormDrawer } from './WorkerForm';
import { NO_WORKER_FILTERS, WorkerList, workerListInput } from './WorkerList';

export function WorkersPage() {
  const navigate = useNavigate();
  const list = usePagedList('workers/list', {
    initial: NO_WORKER_FILTERS,
    toInput: workerListInput,
    textKeys: ['search'],
  });
  const [selected, setSelected] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [batch, setBatch] = useState<'leave' | 'cards' | null>(null);
  useTarget('worker', setSelected);
  const { picked, setPicked } = list;

  return (
    <Stack gap="sm">
      <PageHeader title="网格员">
        <Button variant="default" leftSection={<IconUpload size={16} />} onClick={() => navigate('import')}>
          导入花名册
        </Button>
        <RosterExportMenu name="export/workers" gridId={list.applied.scope} />
        <BatchMenu picked={picked} onPick={setBatch} onClear={() => setPicked([])} />
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
          新增网格员
        </Button>
      </PageHeader>
      <Tabs defaultValue="list">
        <Tabs.List>
          <Tabs.Tab value="list">网格员名单</Tabs.Tab>
          <Tabs.Tab value="vacancies">空缺网格</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="list" pt="sm">
          <WorkerList list={list} onOpen={setSelected} />
        </Tabs.Panel>
        <Tabs.Panel value="vacancies" pt="sm">
          <Vacancies />
        </Tabs.Panel>
      </Tabs>
      <WorkerDetailDrawer workerId={selected} onClose={() => setSelected(null)} />
      {batch === 'leave' && (
        <LeaveModal
          workers={picked.map((w) => ({
            id: w.id,
            name: w.name,
            grids: w.grids.map((g) => `${g.gridLabel}（${g.role}）`),
          }))}
          onClose={() => setBatch(null)}
          onDone={() => setPicked([])}
        />
      )}
      {batch === 'cards' && <PrintCardsModal workers={picked} onClose={() => setBatch(null)} />}
      <WorkerFormDrawer
        target={creating ? 'new' : null}
        onClose={() => setCreating(false)}
        onSaved={(w) => setSelected(w.id)}
      />
    </Stack>
  );
}

/** Actions on the ticked workers: each asks, naming them, before it does anything. */
function BatchMenu({
  picked,
  onPick,
  onClear,
}: {
  picked: WorkerSummary[];
  onPick(action: 'leave' | 'cards'): void;
  onClear(): void;
}) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" disabled={picked.length === 0} rightSection={<IconChevronDown size={14} />}>
          批量操作{picked.length ? `（已选 ${picked.length} 人）` : ''}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item color="orange" onClick={() => onPick('leave')}>
          办理离任…
        </Menu.Item>
        <Menu.Item onClick={() => onPick('cards')}>打印其网格的联系卡…</Menu.Item>
        <Menu.Divider />
        <Menu.Item onClick={onClear}>取消选择</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

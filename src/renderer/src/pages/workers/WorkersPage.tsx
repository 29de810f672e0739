import { useState } from 'react';
import { Button, Stack, Tabs } from '@mantine/core';
import { IconPlus, IconUpload } from '@tabler/icons-react';
import { usePagedList } from '@renderer/lib/use-paged-list';
import { useNavigate, useTarget } from '@renderer/lib/navigation';
import { PageHeader } from '@renderer/components/list/ListPage';
import { RosterExportMenu } from '@renderer/components/RosterExportMenu';
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
  useTarget('worker', setSelected);

  return (
    <Stack gap="sm">
      <PageHeader title="网格员">
        <Button variant="default" leftSection={<IconUpload size={16} />} onClick={() => navigate('import')}>
          导入花名册
        </Button>
        <RosterExportMenu name="export/workers" gridId={list.applied.scope} />
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
      <WorkerFormDrawer
        target={creating ? 'new' : null}
        onClose={() => setCreating(false)}
        onSaved={(w) => setSelected(w.id)}
      />
    </Stack>
  );
}

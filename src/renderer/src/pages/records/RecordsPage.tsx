import { useState } from 'react';
import { Button, Modal, SegmentedControl, Stack, Tabs } from '@mantine/core';
import { IconPlus, IconTable } from '@tabler/icons-react';
import { RECORD_KINDS, RECORD_LABELS, type RecordKind } from '@shared/records';
import { call } from '@renderer/lib/api';
import { useTarget } from '@renderer/lib/navigation';
import { usePagedList } from '@renderer/lib/use-paged-list';
import { ListPage, PageHeader } from '@renderer/components/list/ListPage';
import { BulkEntry } from './BulkEntry';
import { RecordFilterFields, RecordTable } from './RecordList';
import { RecordFormDrawer, type RecordTarget } from './RecordForm';
import { RecordStatsPanel } from './RecordStatsPanel';
import { NO_RECORD_FILTERS, recordListInput, type RecordFilters, type RecordQuery } from './model';

const KIND_OPTIONS = RECORD_KINDS.map((k) => ({ value: k, label: RECORD_LABELS[k] }));

/** 工作记录: the lists of every kind, and the statistics whose figures open them. */
export function RecordsPage() {
  const [view, setView] = useState<string | null>('list');
  const [query, setQuery] = useState<RecordQuery>({ kind: 'disputes', filters: NO_RECORD_FILTERS, seq: 0 });
  const show = (kind: RecordKind, filters: RecordFilters) => {
    setQuery((q) => ({ kind, filters, seq: q.seq + 1 }));
    setView('list');
  };
  // Figures elsewhere (统计报表) open the records behind them, or one record to fix.
  const [opened, setOpened] = useState<RecordTarget>(null);
  useTarget('records', (_id, t) => t.records && show(t.records.kind, { ...NO_RECORD_FILTERS, ...t.records.filters }));
  useTarget('record', (id, t) => {
    const kind = t.records?.kind ?? 'disputes';
    show(kind, NO_RECORD_FILTERS);
    void call('records/get', { kind, id }).then((r) => r.ok && setOpened({ kind, record: r.value }));
  });
  return (
    <Stack gap="sm">
      <Tabs value={view} onChange={setView}>
        <Tabs.List>
          <Tabs.Tab value="list">工作记录</Tabs.Tab>
          <Tabs.Tab value="stats">统计</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="list" pt="sm">
          <KindList
            key={`${query.kind}-${query.seq}`}
            kind={query.kind}
            initial={query.filters}
            onKind={(kind) => show(kind, NO_RECORD_FILTERS)}
          />
        </Tabs.Panel>
        <Tabs.Panel value="stats" pt="sm">
          {view === 'stats' && (
            <Stack gap="sm">
              <PageHeader title="工作统计" />
              <RecordStatsPanel onOpen={show} />
            </Stack>
          )}
        </Tabs.Panel>
      </Tabs>
      <RecordFormDrawer target={opened} onClose={() => setOpened(null)} />
    </Stack>
  );
}

function KindList({
  kind,
  initial,
  onKind,
}: {
  kind: RecordKind;
  initial: RecordFilters;
  onKind(kind: RecordKind): void;
}) {
  const list = usePagedList('records/list', {
    initial,
    toInput: (f, paging) => recordListInput(kind, f, paging),
    textKeys: ['text'],
  });
  const [editing, setEditing] = useState<RecordTarget>(null);
  const [bulk, setBulk] = useState(false);
  const actions = (
    <Button
      leftSection={<IconPlus size={16} />}
      onClick={() => setEditing({ kind, record: null, gridId: list.filters.gridId })}
    >
      新增{RECORD_LABELS[kind]}
    </Button>
  );
  return (
    <ListPage
      title={RECORD_LABELS[kind]}
      actions={
        <>
          <SegmentedControl
            size="xs"
            data={KIND_OPTIONS}
            value={kind}
            onChange={(k) => onKind(k as RecordKind)}
            aria-label="记录类别"
          />
          <Button variant="default" leftSection={<IconTable size={16} />} onClick={() => setBulk(true)}>
            月末批量录入
          </Button>
          {actions}
        </>
      }
      filters={<RecordFilterFields kind={kind} list={list} />}
      table={<RecordTable kind={kind} list={list} onOpen={(record) => setEditing({ kind, record })} />}
    >
      <RecordFormDrawer target={editing} onClose={() => setEditing(null)} />
      <Modal opened={bulk} onClose={() => setBulk(false)} fullScreen withCloseButton={false} closeOnEscape={false}>
        {bulk && (
          <BulkEntry
            kind={kind}
            gridId={list.filters.gridId}
            onClose={() => setBulk(false)}
            onSaved={() => setBulk(false)}
          />
        )}
      </Modal>
    </ListPage>
  );
}

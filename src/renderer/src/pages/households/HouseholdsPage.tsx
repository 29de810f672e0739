import { useState } from 'react';
import { Button } from '@mantine/core';
import { IconArrowsMove, IconPlus, IconPrinter, IconUpload } from '@tabler/icons-react';
import type { HouseholdView } from '@shared/people';
import { saveThenOpen } from '@renderer/lib/files';
import { usePagedList } from '@renderer/lib/use-paged-list';
import { useNavigate, useTarget } from '@renderer/lib/navigation';
import { call, notifyError } from '@renderer/lib/api';
import { ListPage } from '@renderer/components/list/ListPage';
import { RosterExportMenu } from '@renderer/components/RosterExportMenu';
import { HouseholdFormDrawer } from './HouseholdForm';
import { HouseholdFilterFields, HouseholdTable, householdListInput, NO_HOUSEHOLD_FILTERS } from './HouseholdList';
import { MoveHouseholdsModal } from './MoveHouseholdsModal';

/** Contact cards for the ticked households only. */
function printPicked(picked: HouseholdView[]) {
  const first = picked[0]!;
  return saveThenOpen(
    'print/cards',
    { gridId: first.gridId, householdIds: picked.map((h) => h.id) },
    {
      title: '保存联系卡',
      defaultName: `${picked.length === 1 ? first.headName : `${first.headName}等${picked.length}户`}联系卡.pdf`,
      describe: () => `已生成 ${picked.length} 户的联系卡`,
      errorTitle: '联系卡未生成',
    },
  );
}

export function HouseholdsPage() {
  const navigate = useNavigate();
  const list = usePagedList('households/list', {
    initial: NO_HOUSEHOLD_FILTERS,
    toInput: householdListInput,
    textKeys: ['search'],
  });
  const [editing, setEditing] = useState<'new' | HouseholdView | null>(null);
  const [moving, setMoving] = useState(false);
  useTarget('household', (id) => {
    void call('households/get', { id }).then((r) => (r.ok ? setEditing(r.value) : notifyError(r.error)));
  });
  const { picked } = list;

  const actions = (
    <>
      <Button
        variant="default"
        leftSection={<IconArrowsMove size={16} />}
        disabled={picked.length === 0}
        onClick={() => setMoving(true)}
      >
        移到其他网格{picked.length ? `（${picked.length}）` : ''}
      </Button>
      <Button
        variant="default"
        leftSection={<IconPrinter size={16} />}
        disabled={picked.length === 0}
        onClick={() => void printPicked(picked)}
      >
        打印所选联系卡
      </Button>
      <Button variant="default" leftSection={<IconUpload size={16} />} onClick={() => navigate('import')}>
        导入花名册
      </Button>
      <RosterExportMenu name="export/households" gridId={list.applied.scope} />
      <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
        新增住户
      </Button>
    </>
  );

  return (
    <ListPage
      title="住户"
      actions={actions}
      filters={<HouseholdFilterFields list={list} />}
      table={<HouseholdTable list={list} onOpen={setEditing} />}
    >
      <HouseholdFormDrawer
        target={editing}
        defaultGridId={null}
        onClose={() => setEditing(null)}
        onSaved={() => list.setPicked([])}
        onDeleted={(h) => list.setPicked(picked.filter((p) => p.id !== h.id))}
      />
      {moving && (
        <MoveHouseholdsModal households={picked} onClose={() => setMoving(false)} onMoved={() => list.setPicked([])} />
      )}
    </ListPage>
  );
}

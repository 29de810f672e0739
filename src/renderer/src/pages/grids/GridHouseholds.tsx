import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Text } from '@mantine/core';
import { DataTable, type DataTableColumn } from 'mantine-datatable';
import { IconArrowsMove, IconPrinter } from '@tabler/icons-react';
import { todayChinese } from '@shared/dates';
import type { GridNode } from '@shared/grids';
import type { HouseholdView } from '@shared/people';
import { saveThenOpen } from '@renderer/lib/files';
import { useOpen } from '@renderer/lib/navigation';
import { useApiQuery } from '@renderer/lib/query';
import { MoveHouseholdsModal } from '@renderer/pages/households/MoveHouseholdsModal';

/** A household grid holds 15–20 households; the list endpoint's page is far larger. */
const ALL_OF_A_GRID = 500;

/** The grid's 住户名单 as a PDF where the clerk chooses (phones shown, ID numbers masked). */
export function printHouseholdList(grid: GridNode) {
  return saveThenOpen(
    'print/householdList',
    { gridId: grid.id },
    {
      title: '打印住户名单',
      defaultName: `${grid.label.replaceAll(' / ', '')}住户名单-${todayChinese()}.pdf`,
      describe: (r) => `已生成 ${r.households} 户的住户名单，共 ${r.pages} 页`,
      errorTitle: '住户名单未生成',
    },
  );
}

function PrintButton({ grid }: { grid: GridNode }) {
  return (
    <Button
      size="xs"
      variant="light"
      leftSection={<IconPrinter size={14} />}
      disabled={grid.households === 0}
      onClick={() => void printHouseholdList(grid)}
    >
      打印住户名单
    </Button>
  );
}

function columns(open: (id: number) => void): DataTableColumn<HouseholdView>[] {
  return [
    {
      accessor: 'headName',
      title: '户主',
      width: 84,
      render: (h) => (
        <Anchor component="button" type="button" size="sm" onClick={() => open(h.id)}>
          {h.headName}
        </Anchor>
      ),
    },
    { accessor: 'phone', title: '联系电话', width: 116, render: (h) => h.phone || '—' },
    // No ID numbers here: the panel is narrow, and the household's own page shows the masked one.
    { accessor: 'address', title: '住址', ellipsis: true },
    { accessor: 'members', title: '人口', width: 52 },
    {
      accessor: 'tags',
      title: '户类别',
      width: 110,
      render: (h) => (
        <Group gap={4}>
          {h.tags.map((t) => (
            <Badge key={t} size="xs" variant="light" color="grape">
              {t}
            </Badge>
          ))}
        </Group>
      ),
    },
  ];
}

/**
 * A household grid's households with their phones, each a link to the household; ticked ones
 * can be moved to another grid (调整住户网格) and the whole list printed for its worker.
 */
function HouseholdTable({ grid }: { grid: GridNode }) {
  const open = useOpen();
  const rows = useApiQuery('households/list', { gridId: grid.id, limit: ALL_OF_A_GRID }).data?.rows;
  const [picked, setPicked] = useState<HouseholdView[]>([]);
  const [moving, setMoving] = useState(false);
  return (
    <>
      <DataTable
        withTableBorder
        striped
        minHeight={rows?.length ? undefined : 120}
        fetching={rows === undefined}
        records={rows ?? []}
        columns={columns((id) => open({ kind: 'household', id }))}
        selectedRecords={picked}
        onSelectedRecordsChange={setPicked}
        noRecordsText="该网格还没有住户"
        data-testid="grid-households-table"
      />
      {picked.length > 0 && (
        <Group justify="flex-end" mt="xs">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconArrowsMove size={14} />}
            onClick={() => setMoving(true)}
          >
            把选中的 {picked.length} 户移到其他网格
          </Button>
        </Group>
      )}
      {moving && (
        <MoveHouseholdsModal households={picked} onClose={() => setMoving(false)} onMoved={() => setPicked([])} />
      )}
    </>
  );
}

/** Households of the grid: listed for a household grid; for a group, its list printed grid by grid. */
export function GridHouseholds({ grid }: { grid: GridNode }) {
  return (
    <Card withBorder padding="sm" data-testid="grid-households">
      <Group justify="space-between" mb="xs">
        <Text fw={600}>住户（{grid.households} 户）</Text>
        <PrintButton grid={grid} />
      </Group>
      {grid.level === 4 ? (
        <HouseholdTable grid={grid} />
      ) : (
        <Text size="sm" c="dimmed">
          住户名单按户级网格分节打印，每节写明该网格的网格员和电话。
        </Text>
      )}
    </Card>
  );
}

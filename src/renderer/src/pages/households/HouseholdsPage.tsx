import { useEffect, useState } from 'react';
import { Badge, Button, Group, Menu, Modal, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { DataTable } from 'mantine-datatable';
import { IconArrowsMove, IconDownload, IconPlus, IconPrinter, IconSearch, IconUpload } from '@tabler/icons-react';
import { HOUSEHOLD_TAGS, type HouseholdView } from '@shared/people';
import { call, notifyError, notifySuccess } from '@renderer/lib/api';
import { useAppState } from '@renderer/lib/settings-context';
import { useNavigate } from '@renderer/lib/navigation';
import { GridSelect } from '@renderer/components/GridSelect';
import { exportAndOffer } from '../workers/WorkersPage';
import { HouseholdFormDrawer } from './HouseholdForm';

const SCOPE_LEVELS = [1, 2, 3, 4] as const;
const HOUSEHOLD_LEVEL = [4] as const;
const PAGE_SIZE = 50;

/** Contact cards for the selected households only (saved where the clerk chooses, then opened). */
async function printPicked(picked: HouseholdView[]) {
  const r = await call('print/cards', { gridId: picked[0]!.gridId, householdIds: picked.map((h) => h.id) });
  if (!r.ok) return notifyError(r.error, '联系卡未生成');
  if (!r.value.file) return;
  notifySuccess(`已生成 ${picked.length} 户的联系卡：${r.value.file}`, '打印文件已保存');
  void call('files/open', { file: r.value.file });
}

export function HouseholdsPage() {
  const { dataVersion } = useAppState();
  const navigate = useNavigate();
  const [scope, setScope] = useState<number | null>(null);
  const [tag, setTag] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search, 250);
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<HouseholdView[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [refresh, setRefresh] = useState(0);
  const [editing, setEditing] = useState<'new' | HouseholdView | null>(null);
  const [picked, setPicked] = useState<HouseholdView[]>([]);
  const [moving, setMoving] = useState(false);

  useEffect(() => {
    let live = true;
    void call('households/list', {
      gridId: scope,
      tag: tag ?? '',
      search: query,
      offset: (page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE,
    }).then((r) => {
      if (!live) return;
      setLoading(false);
      if (!r.ok) return notifyError(r.error);
      setRows(r.value.rows);
      setTotal(r.value.total);
    });
    return () => {
      live = false;
    };
  }, [scope, tag, query, page, refresh, dataVersion]);

  const changed = () => {
    setPicked([]);
    setRefresh((k) => k + 1);
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2}>住户</Title>
        <Group gap="xs">
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
          <Menu>
            <Menu.Target>
              <Button variant="default" leftSection={<IconDownload size={16} />}>
                导出花名册
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => void exportAndOffer('export/households', true, scope)}>
                每村一个工作表
              </Menu.Item>
              <Menu.Item onClick={() => void exportAndOffer('export/households', false, scope)}>
                全部在一个工作表
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            新增住户
          </Button>
        </Group>
      </Group>
      <Group gap="xs">
        <GridSelect
          levels={SCOPE_LEVELS}
          placeholder="全部网格"
          aria-label="范围"
          value={scope}
          onChange={(v) => (setScope(v), setPage(1))}
          w={320}
        />
        <Select
          placeholder="户类别"
          aria-label="户类别"
          data={[...HOUSEHOLD_TAGS]}
          value={tag}
          onChange={(v) => (setTag(v), setPage(1))}
          clearable
          w={140}
        />
        <TextInput
          placeholder="户主姓名、电话、住址或身份证号"
          aria-label="搜索住户"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          style={{ flex: 1 }}
        />
      </Group>
      <DataTable
        withTableBorder
        striped
        highlightOnHover
        minHeight={200}
        height="calc(100dvh - 250px)"
        records={rows}
        fetching={loading}
        totalRecords={total}
        recordsPerPage={PAGE_SIZE}
        page={page}
        onPageChange={setPage}
        paginationText={({ from, to, totalRecords }) => `第 ${from}–${to} 户，共 ${totalRecords} 户`}
        noRecordsText="没有符合条件的住户"
        selectedRecords={picked}
        onSelectedRecordsChange={setPicked}
        onRowClick={({ record }) => setEditing(record)}
        columns={[
          { accessor: 'headName', title: '户主', width: 100 },
          { accessor: 'gridName', title: '户级网格', render: (h) => `${h.gridName}（${h.gridCode}）` },
          {
            accessor: 'idMasked',
            title: '身份证号',
            width: 190,
            cellsStyle: () => ({ fontFamily: 'var(--mantine-font-family-monospace)' }),
          },
          { accessor: 'phone', title: '联系电话', width: 120 },
          { accessor: 'address', title: '住址' },
          { accessor: 'members', title: '人口', width: 60 },
          {
            accessor: 'tags',
            title: '户类别',
            render: (h) => (
              <Group gap={4}>
                {h.tags.map((t) => (
                  <Badge key={t} size="sm" variant="light" color="grape">
                    {t}
                  </Badge>
                ))}
              </Group>
            ),
          },
        ]}
      />
      <HouseholdFormDrawer target={editing} defaultGridId={null} onClose={() => setEditing(null)} onSaved={changed} />
      {moving && <MoveHouseholds households={picked} onClose={() => setMoving(false)} onMoved={changed} />}
    </Stack>
  );
}

function MoveHouseholds({
  households,
  onClose,
  onMoved,
}: {
  households: HouseholdView[];
  onClose(): void;
  onMoved(): void;
}) {
  const [gridId, setGridId] = useState<number | null>(null);
  const [error, setError] = useState<string | undefined>();
  const submit = async () => {
    if (!gridId) return setError('请选择新的户级网格');
    const r = await call('households/move', { ids: households.map((h) => h.id), gridId });
    if (!r.ok) {
      if (r.error.fields?.gridId) setError(r.error.fields.gridId);
      else notifyError(r.error);
      return;
    }
    notifySuccess(`已移动 ${r.value.moved} 户`);
    onMoved();
    onClose();
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': '关闭' }}
      opened
      onClose={onClose}
      title={<Text fw={600}>移动 {households.length} 户住户</Text>}
      size="lg"
    >
      <Stack>
        <Text size="sm">{households.map((h) => h.headName).join('、')}</Text>
        <GridSelect
          label="新的户级网格"
          withAsterisk
          levels={HOUSEHOLD_LEVEL}
          value={gridId}
          onChange={setGridId}
          error={error}
          comboboxProps={{ withinPortal: true }}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button onClick={() => void submit()}>确认移动</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import { useEffect, useState } from 'react';
import {
  Badge,
  Button,
  Group,
  Menu,
  SegmentedControl,
  Select,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { DataTable } from 'mantine-datatable';
import { IconDownload, IconPlus, IconSearch, IconUpload } from '@tabler/icons-react';
import { LEVEL_ORDINALS, type GridLevel } from '@shared/grids';
import { POLITICAL_STATUSES, WORKER_TAGS, type Vacancy, type WorkerSummary } from '@shared/people';
import { call, callNotify, notifyError, notifySuccess } from '@renderer/lib/api';
import { useAppState } from '@renderer/lib/settings-context';
import { useNavigate } from '@renderer/lib/navigation';
import { GridSelect } from '@renderer/components/GridSelect';
import { WorkerDetailDrawer } from './WorkerDetailDrawer';
import { WorkerFormDrawer } from './WorkerForm';

const SCOPE_LEVELS = [1, 2, 3] as const;
const PAGE_SIZE = 50;
const LEVEL_OPTIONS = [1, 2, 3, 4].map((l) => ({ value: String(l), label: LEVEL_ORDINALS[l as GridLevel] }));

/** Saves an export where the clerk chooses and offers to open it. */
export async function exportAndOffer(
  name: 'export/workers' | 'export/households',
  perVillage: boolean,
  gridId: number | null,
) {
  const r = await call(name, { perVillage, gridId });
  if (!r.ok) return notifyError(r.error);
  if (!r.value.file) return;
  notifySuccess(`已导出 ${r.value.rows} 行：${r.value.file}`, '导出完成');
  void call('files/open', { file: r.value.file });
}

export function WorkersPage() {
  const { dataVersion } = useAppState();
  const navigate = useNavigate();
  const [scope, setScope] = useState<number | null>(null);
  const [level, setLevel] = useState<string | null>(null);
  const [tag, setTag] = useState<string | null>(null);
  const [political, setPolitical] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search, 250);
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<WorkerSummary[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [refresh, setRefresh] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    let live = true;
    void call('workers/list', {
      gridId: scope,
      level: level ? Number(level) : null,
      tag: tag ?? '',
      politicalStatus: political ?? '',
      status: status as '' | '在岗' | '离任',
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
  }, [scope, level, tag, political, status, query, page, refresh, dataVersion]);

  const resetPage =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2}>网格员</Title>
        <Group gap="xs">
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
              <Menu.Item onClick={() => void exportAndOffer('export/workers', true, scope)}>每村一个工作表</Menu.Item>
              <Menu.Item onClick={() => void exportAndOffer('export/workers', false, scope)}>
                全部在一个工作表
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            新增网格员
          </Button>
        </Group>
      </Group>
      <Tabs defaultValue="list">
        <Tabs.List>
          <Tabs.Tab value="list">网格员名单</Tabs.Tab>
          <Tabs.Tab value="vacancies">空缺网格</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="list" pt="sm">
          <Stack gap="sm">
            <Group gap="xs" align="flex-end">
              <GridSelect
                levels={SCOPE_LEVELS}
                placeholder="全部镇、村、组"
                aria-label="范围"
                value={scope}
                onChange={resetPage(setScope)}
                w={280}
              />
              <Select
                placeholder="全部层级"
                aria-label="层级"
                data={LEVEL_OPTIONS}
                value={level}
                onChange={resetPage(setLevel)}
                clearable
                w={120}
              />
              <Select
                placeholder="人员类别"
                aria-label="人员类别"
                data={[...WORKER_TAGS]}
                value={tag}
                onChange={resetPage(setTag)}
                clearable
                searchable
                w={140}
              />
              <Select
                placeholder="政治面貌"
                aria-label="政治面貌"
                data={[...POLITICAL_STATUSES]}
                value={political}
                onChange={resetPage(setPolitical)}
                clearable
                w={140}
              />
              <SegmentedControl
                data={[
                  { value: '', label: '全部' },
                  { value: '在岗', label: '在岗' },
                  { value: '离任', label: '离任' },
                ]}
                value={status}
                onChange={resetPage(setStatus)}
              />
              <TextInput
                placeholder="姓名、电话或身份证号"
                aria-label="搜索网格员"
                leftSection={<IconSearch size={16} />}
                value={search}
                onChange={(e) => {
                  setSearch(e.currentTarget.value);
                  setPage(1);
                }}
                style={{ flex: 1, minWidth: 180 }}
              />
            </Group>
            <DataTable
              withTableBorder
              striped
              highlightOnHover
              minHeight={200}
              height="calc(100dvh - 300px)"
              records={rows}
              fetching={loading}
              totalRecords={total}
              recordsPerPage={PAGE_SIZE}
              page={page}
              onPageChange={setPage}
              paginationText={({ from, to, totalRecords }) => `第 ${from}–${to} 条，共 ${totalRecords} 人`}
              noRecordsText="没有符合条件的网格员"
              onRowClick={({ record }) => setSelected(record.id)}
              columns={[
                { accessor: 'name', title: '姓名', width: 90 },
                { accessor: 'gender', title: '性别', width: 60 },
                {
                  accessor: 'idMasked',
                  title: '身份证号',
                  width: 190,
                  cellsStyle: () => ({ fontFamily: 'var(--mantine-font-family-monospace)' }),
                },
                { accessor: 'phone', title: '联系电话', width: 120 },
                { accessor: 'politicalStatus', title: '政治面貌', width: 110 },
                {
                  accessor: 'tags',
                  title: '人员类别',
                  render: (w) => (
                    <Group gap={4}>
                      {w.tags.map((t) => (
                        <Badge key={t} size="sm" variant="light">
                          {t}
                        </Badge>
                      ))}
                    </Group>
                  ),
                },
                {
                  accessor: 'grids',
                  title: '现任网格',
                  render: (w) =>
                    w.grids.length === 0 ? (
                      <Text size="sm" c="dimmed">
                        未任职
                      </Text>
                    ) : (
                      <Text size="sm">{w.grids.map((g) => `${g.gridName}（${g.role}）`).join('；')}</Text>
                    ),
                },
                {
                  accessor: 'status',
                  title: '状态',
                  width: 70,
                  render: (w) => (
                    <Badge size="sm" color={w.status === '在岗' ? 'teal' : 'gray'} variant="light">
                      {w.status}
                    </Badge>
                  ),
                },
              ]}
            />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="vacancies" pt="sm">
          <Vacancies />
        </Tabs.Panel>
      </Tabs>
      <WorkerDetailDrawer
        workerId={selected}
        onClose={() => setSelected(null)}
        onChanged={() => setRefresh((k) => k + 1)}
      />
      <WorkerFormDrawer
        target={creating ? 'new' : null}
        onClose={() => setCreating(false)}
        onSaved={(w) => {
          setRefresh((k) => k + 1);
          setSelected(w.id);
        }}
      />
    </Stack>
  );
}

function Vacancies() {
  const { dataVersion } = useAppState();
  const [level, setLevel] = useState<string | null>('4');
  const [scope, setScope] = useState<number | null>(null);
  const [rows, setRows] = useState<Vacancy[]>([]);
  useEffect(() => {
    let live = true;
    void callNotify('grids/vacancies', { gridId: scope, level: level ? Number(level) : null }).then((v) => {
      if (live && v) setRows(v);
    });
    return () => {
      live = false;
    };
  }, [level, scope, dataVersion]);
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <GridSelect
          levels={SCOPE_LEVELS}
          placeholder="全部镇、村、组"
          aria-label="空缺范围"
          value={scope}
          onChange={setScope}
          w={280}
        />
        <Select
          placeholder="全部层级"
          aria-label="空缺层级"
          data={LEVEL_OPTIONS}
          value={level}
          onChange={setLevel}
          clearable
          w={140}
        />
        <Text size="sm" c="dimmed">
          共 {rows.length} 个网格没有现任网格员（待配备）
        </Text>
      </Group>
      <DataTable
        withTableBorder
        striped
        minHeight={150}
        height="calc(100dvh - 300px)"
        records={rows}
        noRecordsText="没有空缺的网格"
        columns={[
          { accessor: 'code', title: '网格编码', width: 140 },
          { accessor: 'name', title: '网格名称' },
          { accessor: 'level', title: '层级', width: 120, render: (v) => LEVEL_ORDINALS[v.level as GridLevel] },
        ]}
      />
    </Stack>
  );
}

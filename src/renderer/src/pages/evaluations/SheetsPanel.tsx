import { useState } from 'react';
import { Badge, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { IconPlus } from '@tabler/icons-react';
import { GRADES, type SheetSummary } from '@shared/evaluations';
import { notifyError, notifySuccess } from '@renderer/lib/api';
import { useApiMutation, useApiQuery } from '@renderer/lib/query';
import { GridSelect } from '@renderer/components/GridSelect';
import { SheetView } from './SheetView';
import { StatusBadge } from './StatusBadge';
import { GRADE_COLORS, today } from './model';

const VILLAGE = [2] as const;

/** 评分表: the list, and a sheet opened in its place. */
export function SheetsPanel() {
  const [open, setOpen] = useState<number | null>(null);
  if (open !== null) return <SheetView id={open} onBack={() => setOpen(null)} onOpen={setOpen} />;
  return <SheetList onOpen={setOpen} />;
}

function yearOptions() {
  const y = new Date().getFullYear();
  return Array.from({ length: 6 }, (_, i) => String(y - i));
}

function GradeCounts({ sheet }: { sheet: SheetSummary }) {
  return (
    <Group gap={4} wrap="nowrap">
      {GRADES.filter((g) => sheet.grades[g]).map((g) => (
        <Badge key={g} size="sm" variant="light" color={GRADE_COLORS[g]} tt="none">
          {g} {sheet.grades[g]}
        </Badge>
      ))}
    </Group>
  );
}

function SheetList({ onOpen }: { onOpen(id: number): void }) {
  const [filters, setFilters] = useState({
    villageId: null as number | null,
    schemeId: null as number | null,
    year: null as number | null,
  });
  const sheets = useApiQuery('evaluations/sheets/list', filters);
  const schemes = useApiQuery('evaluations/schemes/list', {}).data ?? [];
  const [creating, setCreating] = useState(false);
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Group gap="xs" align="flex-end">
          <GridSelect
            label="村（社区）"
            placeholder="全部"
            levels={VILLAGE}
            w={240}
            value={filters.villageId}
            onChange={(villageId) => setFilters((f) => ({ ...f, villageId }))}
          />
          <Select
            label="考核方案"
            placeholder="全部"
            clearable
            w={220}
            data={schemes.map((s) => ({ value: String(s.id), label: s.name }))}
            value={filters.schemeId === null ? null : String(filters.schemeId)}
            onChange={(v) => setFilters((f) => ({ ...f, schemeId: v ? Number(v) : null }))}
          />
          <Select
            label="年度"
            placeholder="全部"
            clearable
            w={110}
            data={yearOptions()}
            value={filters.year === null ? null : String(filters.year)}
            onChange={(v) => setFilters((f) => ({ ...f, year: v ? Number(v) : null }))}
          />
        </Group>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
          新建评分表
        </Button>
      </Group>
      <DataTable<SheetSummary>
        withTableBorder
        striped
        highlightOnHover
        minHeight={160}
        height="calc(100dvh - 270px)"
        fetching={sheets.isFetching}
        records={sheets.data ?? []}
        noRecordsText="没有评分表：点“新建评分表”，按方案为一个村生成"
        onRowClick={({ record }) => onOpen(record.id)}
        data-testid="sheet-list"
        columns={[
          { accessor: 'villageName', title: '村（社区）', width: 120 },
          { accessor: 'periodLabel', title: '考核期间', width: 130 },
          { accessor: 'schemeName', title: '方案' },
          {
            accessor: 'version',
            title: '版本',
            width: 76,
            textAlign: 'right',
            render: (s) => `第 ${s.version} 版`,
          },
          { accessor: 'status', title: '状态', width: 90, render: (s) => <StatusBadge status={s.status} /> },
          { accessor: 'workers', title: '人数', width: 60, textAlign: 'right' },
          { accessor: 'grades', title: '等次', width: 330, render: (s) => <GradeCounts sheet={s} /> },
        ]}
      />
      {creating && (
        <CreateSheetModal
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            onOpen(id);
          }}
        />
      )}
    </Stack>
  );
}

function CreateSheetModal({ onClose, onCreated }: { onClose(): void; onCreated(id: number): void }) {
  const create = useApiMutation('evaluations/sheets/create');
  const schemes = (useApiQuery('evaluations/schemes/list', {}).data ?? []).filter((s) => !s.archived);
  const [values, setValues] = useState({
    schemeId: null as number | null,
    villageId: null as number | null,
    date: today(),
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async () => {
    if (values.schemeId === null) return setErrors({ schemeId: '请选择考核方案' });
    if (values.villageId === null) return setErrors({ villageId: '请选择村（社区）' });
    const r = await create.mutateAsync({ schemeId: values.schemeId, villageId: values.villageId, date: values.date });
    if (!r.ok) {
      if (r.error.fields) setErrors(r.error.fields);
      else notifyError(r.error, '评分表未生成');
      return;
    }
    notifySuccess(`已生成${r.value.villageName}${r.value.periodLabel}评分表：${r.value.workers} 人`);
    onCreated(r.value.id);
  };
  return (
    <Modal
      opened
      onClose={onClose}
      centered
      size={520}
      title={<Text fw={600}>新建评分表</Text>}
      closeButtonProps={{ 'aria-label': '关闭' }}
    >
      <Stack gap="sm">
        <Select
          label="考核方案"
          withAsterisk
          data={schemes.map((s) => ({ value: String(s.id), label: s.name }))}
          nothingFoundMessage="没有可用的方案：先在“考核方案”中新建"
          value={values.schemeId === null ? null : String(values.schemeId)}
          onChange={(v) => setValues((x) => ({ ...x, schemeId: v ? Number(v) : null }))}
          error={errors.schemeId}
        />
        <GridSelect
          label="村（社区）"
          withAsterisk
          levels={VILLAGE}
          value={values.villageId}
          onChange={(villageId) => setValues((x) => ({ ...x, villageId }))}
          error={errors.villageId}
        />
        <TextInput
          type="date"
          label="考核期间内的任一天"
          description="按方案的周期（月度、季度、半年、年度）取这一天所在的期间"
          withAsterisk
          w={240}
          value={values.date}
          onChange={(e) => setValues((x) => ({ ...x, date: e.currentTarget.value }))}
          error={errors.date}
        />
        <Text size="xs" c="dimmed">
          每位网格员一行，按期间内的工作记录预填数量和建议得分，可逐项调整。
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button loading={create.isPending} onClick={() => void submit()}>
            生成评分表
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

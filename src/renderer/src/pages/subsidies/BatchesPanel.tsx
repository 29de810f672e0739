import { useState } from 'react';
import { Button, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { IconPlus } from '@tabler/icons-react';
import type { BatchSummary } from '@shared/subsidies';
import { notifyError, notifySuccess } from '@renderer/lib/api';
import { useApiMutation, useApiQuery } from '@renderer/lib/query';
import { GridSelect } from '@renderer/components/GridSelect';
import { BatchView } from './BatchView';
import { StatusBadge } from './StatusBadge';
import { yuan } from './model';

const SCOPE_LEVELS = [1, 2, 3] as const;

/** 发放批次: the list, and a batch opened in its place. */
export function BatchesPanel() {
  const [open, setOpen] = useState<number | null>(null);
  if (open !== null) return <BatchView id={open} onBack={() => setOpen(null)} />;
  return <BatchList onOpen={setOpen} />;
}

function BatchList({ onOpen }: { onOpen(id: number): void }) {
  const batches = useApiQuery('subsidies/batches/list', {});
  const [creating, setCreating] = useState(false);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          批次按期间从工作记录和考核结果计算；审定后锁定，不能再调整。
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
          新建批次
        </Button>
      </Group>
      <DataTable<BatchSummary>
        withTableBorder
        striped
        highlightOnHover
        minHeight={160}
        height="calc(100dvh - 250px)"
        fetching={batches.isLoading}
        records={batches.data ?? []}
        noRecordsText="还没有发放批次：点“新建批次”按期间计算补贴"
        onRowClick={({ record }) => onOpen(record.id)}
        data-testid="batch-table"
        columns={[
          { accessor: 'title', title: '批次' },
          { accessor: 'from', title: '期间', render: (b) => `${b.from} 至 ${b.to}` },
          { accessor: 'gridName', title: '范围', render: (b) => b.gridName ?? '全镇' },
          { accessor: 'status', title: '状态', width: 90, render: (b) => <StatusBadge status={b.status} /> },
          { accessor: 'workers', title: '人数', width: 70, textAlign: 'right' },
          { accessor: 'totalFen', title: '合计', textAlign: 'right', render: (b) => yuan(b.totalFen) },
        ]}
      />
      {creating && (
        <CreateBatchModal
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

function defaults() {
  const y = new Date().getFullYear();
  const half = new Date().getMonth() < 6 ? 1 : 2;
  return half === 1
    ? { title: `${y - 1}年下半年网格员补贴`, from: `${y - 1}-07-01`, to: `${y - 1}-12-31` }
    : { title: `${y}年上半年网格员补贴`, from: `${y}-01-01`, to: `${y}-06-30` };
}

function CreateBatchModal({ onClose, onCreated }: { onClose(): void; onCreated(id: number): void }) {
  const create = useApiMutation('subsidies/batches/create');
  const [values, setValues] = useState({ ...defaults(), gridId: null as number | null });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (k: keyof typeof values) => (v: string | number | null) => setValues((x) => ({ ...x, [k]: v }));
  const submit = async () => {
    const r = await create.mutateAsync(values);
    if (!r.ok) {
      if (r.error.fields) setErrors(r.error.fields);
      else notifyError(r.error, '批次未生成');
      return;
    }
    notifySuccess(`已生成“${r.value.title}”：${r.value.workers} 人，合计 ${yuan(r.value.totalFen)}`);
    onCreated(r.value.id);
  };
  return (
    <Modal
      opened
      onClose={onClose}
      centered
      size={560}
      title={<Text fw={600}>新建发放批次</Text>}
      closeButtonProps={{ 'aria-label': '关闭' }}
    >
      <Stack gap="sm">
        <TextInput
          label="批次名称"
          withAsterisk
          value={values.title}
          onChange={(e) => set('title')(e.currentTarget.value)}
          error={errors.title}
        />
        <SimpleGrid cols={2}>
          <TextInput
            type="date"
            label="起始日期"
            withAsterisk
            value={values.from}
            onChange={(e) => set('from')(e.currentTarget.value)}
            error={errors.from}
          />
          <TextInput
            type="date"
            label="截止日期"
            withAsterisk
            value={values.to}
            onChange={(e) => set('to')(e.currentTarget.value)}
            error={errors.to}
          />
        </SimpleGrid>
        <GridSelect
          label="范围"
          placeholder="全镇（不选）"
          description="只计算这个网格（含下级）的网格员"
          levels={SCOPE_LEVELS}
          value={values.gridId}
          onChange={set('gridId')}
          error={errors.gridId}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button loading={create.isPending} onClick={() => void submit()}>
            计算并生成
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

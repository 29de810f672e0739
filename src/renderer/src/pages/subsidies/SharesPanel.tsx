import { useState } from 'react';
import { ActionIcon, Button, Group, Select, Stack, Text } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { SPLIT_LABELS, type ShareView } from '@shared/subsidies';
import { notifyError, notifySuccess } from '@renderer/lib/api';
import { useApiMutation, useApiQuery } from '@renderer/lib/query';
import { ConfirmModal } from '@renderer/components/ConfirmModal';
import { ShareFormModal } from './ShareForm';
import { yuan } from './model';

const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: 6 }, (_, i) => String(THIS_YEAR + 1 - i));

export function shareName(s: ShareView): string {
  return `${s.villageName} ${s.periodStart} 至 ${s.periodEnd} 的集体收入切块（${yuan(s.amountFen)}）`;
}

/** 集体收入切块: an amount per village and period, split among its workers. */
export function SharesPanel() {
  const [year, setYear] = useState<string | null>(String(THIS_YEAR));
  const shares = useApiQuery('subsidies/shares/list', { year: year ? Number(year) : null });
  const [editing, setEditing] = useState<ShareView | 'new' | null>(null);
  const [deleting, setDeleting] = useState<ShareView | null>(null);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Select label="年度" placeholder="全部年度" data={YEARS} value={year} onChange={setYear} clearable w={140} />
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          新增切块
        </Button>
      </Group>
      <DataTable<ShareView>
        withTableBorder
        striped
        minHeight={160}
        height="calc(100dvh - 250px)"
        fetching={shares.isLoading}
        records={shares.data ?? []}
        noRecordsText="还没有集体收入切块"
        data-testid="share-table"
        columns={[
          { accessor: 'villageName', title: '村（社区）' },
          { accessor: 'periodStart', title: '期间', render: (s) => `${s.periodStart} 至 ${s.periodEnd}` },
          { accessor: 'amountFen', title: '金额', textAlign: 'right', render: (s) => yuan(s.amountFen) },
          { accessor: 'split', title: '分配方式', render: (s) => SPLIT_LABELS[s.split] },
          { accessor: 'notes', title: '备注' },
          {
            accessor: 'actions',
            title: '',
            width: 80,
            render: (s) => (
              <Group gap={4} wrap="nowrap">
                <ActionIcon variant="subtle" aria-label={`修改${shareName(s)}`} onClick={() => setEditing(s)}>
                  <IconPencil size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`删除${shareName(s)}`}
                  onClick={() => setDeleting(s)}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ),
          },
        ]}
      />
      {editing && <ShareFormModal share={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {deleting && <DeleteShare share={deleting} onClose={() => setDeleting(null)} />}
    </Stack>
  );
}

function DeleteShare({ share, onClose }: { share: ShareView; onClose(): void }) {
  const remove = useApiMutation('subsidies/shares/delete');
  const confirm = async () => {
    const r = await remove.mutateAsync({ id: share.id });
    if (!r.ok) return notifyError(r.error, '删除未完成');
    notifySuccess(`已删除${shareName(share)}`);
    onClose();
  };
  return (
    <ConfirmModal
      title="删除这笔切块？"
      confirm="删除"
      loading={remove.isPending}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <Text size="sm">将删除{shareName(share)}。草稿批次重新计算后不再包含这笔切块。</Text>
    </ConfirmModal>
  );
}

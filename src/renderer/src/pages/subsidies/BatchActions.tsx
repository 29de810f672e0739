import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconDownload, IconRefresh, IconTrash, IconWallet } from '@tabler/icons-react';
import type { BatchView } from '@shared/subsidies';
import { notifyError, notifySuccess } from '@renderer/lib/api';
import { saveThenOpen } from '@renderer/lib/files';
import { useApiMutation } from '@renderer/lib/query';
import { ConfirmModal } from '@renderer/components/ConfirmModal';
import { today, yuan } from './model';

type Dialog = 'recompute' | 'approve' | 'paid' | 'export' | 'delete' | null;

/** The buttons a batch offers in its state, each asking first. */
export function BatchActions({ batch, onDeleted }: { batch: BatchView; onDeleted(): void }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const draft = batch.status === '草稿';
  return (
    <Group gap="xs">
      {draft && (
        <>
          <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={() => setDialog('recompute')}>
            重新计算
          </Button>
          <Button
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={16} />}
            onClick={() => setDialog('delete')}
          >
            删除草稿
          </Button>
          <Button leftSection={<IconCheck size={16} />} onClick={() => setDialog('approve')}>
            审定
          </Button>
        </>
      )}
      {batch.status === '已审定' && (
        <Button leftSection={<IconWallet size={16} />} onClick={() => setDialog('paid')}>
          标记已发放
        </Button>
      )}
      <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => setDialog('export')}>
        导出发放表
      </Button>
      {dialog === 'recompute' && <Recompute batch={batch} onClose={close} />}
      {dialog === 'approve' && <Approve batch={batch} onClose={close} />}
      {dialog === 'paid' && <Paid batch={batch} onClose={close} />}
      {dialog === 'export' && <Export batch={batch} onClose={close} />}
      {dialog === 'delete' && <DeleteDraft batch={batch} onClose={close} onDeleted={onDeleted} />}
    </Group>
  );
}

interface DialogProps {
  batch: BatchView;
  onClose(): void;
}

function Recompute({ batch, onClose }: DialogProps) {
  const run = useApiMutation('subsidies/batches/recompute');
  const confirm = async () => {
    const r = await run.mutateAsync({ id: batch.id });
    if (!r.ok) return notifyError(r.error, '重新计算未完成');
    notifySuccess(`已重新计算“${batch.title}”：合计 ${yuan(r.value.totalFen)}（原 ${yuan(batch.totalFen)}）`);
    onClose();
  };
  return (
    <ConfirmModal
      title="重新计算这个批次？"
      confirm="重新计算"
      color="blue"
      loading={run.isPending}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <Text size="sm">
        将按现在的工作记录、考核结果和补贴标准重新计算“{batch.title}
        ”的每一行。已做的调整（金额和理由）保留在原网格员和补贴类别上。
      </Text>
    </ConfirmModal>
  );
}

function Approve({ batch, onClose }: DialogProps) {
  const approve = useApiMutation('subsidies/batches/approve');
  const [by, setBy] = useState('');
  const [error, setError] = useState<string | undefined>();
  const confirm = async () => {
    const r = await approve.mutateAsync({ id: batch.id, approvedBy: by });
    if (!r.ok) return r.error.fields ? setError(Object.values(r.error.fields)[0]) : notifyError(r.error, '审定未完成');
    notifySuccess(`“${batch.title}”已审定：${r.value.workers} 人，合计 ${yuan(r.value.totalFen)}`);
    onClose();
  };
  return (
    <ConfirmModal
      title="审定这个批次？"
      confirm="审定并锁定"
      color="blue"
      loading={approve.isPending}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <Text size="sm">
        “{batch.title}”共 {batch.workers} 人，合计 {yuan(batch.totalFen)}。审定后批次锁定：不能再调整、重新计算或删除。
      </Text>
      <TextInput label="审核人" withAsterisk value={by} onChange={(e) => setBy(e.currentTarget.value)} error={error} />
    </ConfirmModal>
  );
}

function Paid({ batch, onClose }: DialogProps) {
  const paid = useApiMutation('subsidies/batches/paid');
  const [date, setDate] = useState(today());
  const [error, setError] = useState<string | undefined>();
  const confirm = async () => {
    const r = await paid.mutateAsync({ id: batch.id, paidAt: date });
    if (!r.ok) return r.error.fields ? setError(Object.values(r.error.fields)[0]) : notifyError(r.error, '未能标记');
    notifySuccess(`“${batch.title}”已于 ${date} 发放`);
    onClose();
  };
  return (
    <ConfirmModal
      title="标记为已发放"
      confirm="标记已发放"
      color="teal"
      loading={paid.isPending}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <TextInput
        type="date"
        label="发放日期"
        withAsterisk
        w={200}
        value={date}
        onChange={(e) => setDate(e.currentTarget.value)}
        error={error}
      />
    </ConfirmModal>
  );
}

function Export({ batch, onClose }: DialogProps) {
  const [full, setFull] = useState(false);
  const save = async () => {
    onClose();
    await saveThenOpen(
      'subsidies/batches/export',
      { id: batch.id, fullIdNumbers: full },
      { title: '导出补贴发放表', defaultName: `${batch.title}-补贴发放表.xlsx`, errorTitle: '导出未完成' },
    );
  };
  return (
    <ConfirmModal
      title="导出补贴发放表"
      confirm="选择保存位置…"
      color="blue"
      onConfirm={() => void save()}
      onClose={onClose}
    >
      <Stack gap="xs">
        <Text size="sm">
          按县里的格式导出“{batch.title}”（{batch.status}）：每人一行，每类补贴一列，末行合计。
        </Text>
        <Checkbox
          label="身份证号、银行账号完整显示（交银行用）"
          checked={full}
          onChange={(e) => setFull(e.currentTarget.checked)}
        />
        {full ? (
          <Alert color="orange" icon={<IconAlertTriangle size={16} />} p="xs">
            完整的身份证号和银行账号是个人敏感信息：这份文件只交银行办理发放，不要张贴、转发或留存副本。
          </Alert>
        ) : (
          <Text size="xs" c="dimmed">
            身份证号只显示前 6 位和后 4 位，可用于公示和签字。
          </Text>
        )}
      </Stack>
    </ConfirmModal>
  );
}

function DeleteDraft({ batch, onClose, onDeleted }: DialogProps & { onDeleted(): void }) {
  const remove = useApiMutation('subsidies/batches/delete');
  const confirm = async () => {
    const r = await remove.mutateAsync({ id: batch.id });
    if (!r.ok) return notifyError(r.error, '删除未完成');
    notifySuccess(`已删除草稿批次“${batch.title}”`);
    onDeleted();
  };
  return (
    <ConfirmModal
      title="删除这个草稿批次？"
      confirm="删除"
      loading={remove.isPending}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <Text size="sm">
        将删除草稿“{batch.title}”（{batch.from} 至 {batch.to}，{batch.workers} 人，合计 {yuan(batch.totalFen)}
        ）及其中的调整。工作记录不受影响。
      </Text>
    </ConfirmModal>
  );
}

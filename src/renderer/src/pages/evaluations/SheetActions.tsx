import { useState } from 'react';
import { Button, Group, Text, TextInput, Textarea } from '@mantine/core';
import { IconCheck, IconDownload, IconEdit, IconRefresh, IconTrash, IconUpload } from '@tabler/icons-react';
import type { SheetView } from '@shared/evaluations';
import { notifyError, notifySuccess } from '@renderer/lib/api';
import { saveThenOpen } from '@renderer/lib/files';
import { useApiMutation } from '@renderer/lib/query';
import { ConfirmModal } from '@renderer/components/ConfirmModal';
import { ImportModal } from './ImportModal';

type Dialog = 'refresh' | 'approve' | 'correct' | 'delete' | 'import' | null;

interface Props {
  sheet: SheetView;
  onDeleted(): void;
  onOpen(id: number): void;
  /** A refresh changed these lines: the table marks them. */
  onRefreshed(lineIds: number[]): void;
}

const title = (s: SheetView) => `${s.villageName}${s.periodLabel}评分表`;

/** The buttons a sheet offers in its state, each asking first where it cannot be taken back. */
export function SheetActions({ sheet, onDeleted, onOpen, onRefreshed }: Props) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const draft = sheet.status === '草稿';
  const exportSheet = () =>
    void saveThenOpen(
      'evaluations/sheets/export',
      { id: sheet.id },
      { title: '导出考核评分表', defaultName: `${title(sheet)}.xlsx`, errorTitle: '导出未完成' },
    );
  return (
    <Group gap="xs" wrap="nowrap">
      {draft && (
        <>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRefresh size={14} />}
            onClick={() => setDialog('refresh')}
          >
            刷新（按最新记录）
          </Button>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconUpload size={14} />}
            onClick={() => setDialog('import')}
          >
            导入纸质评分
          </Button>
        </>
      )}
      <Button size="xs" variant="default" leftSection={<IconDownload size={14} />} onClick={exportSheet}>
        导出 Excel
      </Button>
      {draft && (
        <>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={14} />}
            onClick={() => setDialog('delete')}
          >
            删除草稿
          </Button>
          <Button size="xs" leftSection={<IconCheck size={14} />} onClick={() => setDialog('approve')}>
            审定
          </Button>
        </>
      )}
      {sheet.status === '已审定' && (
        <Button
          size="xs"
          variant="light"
          color="orange"
          leftSection={<IconEdit size={14} />}
          onClick={() => setDialog('correct')}
        >
          更正
        </Button>
      )}
      {dialog === 'refresh' && <Refresh sheet={sheet} onClose={close} onRefreshed={onRefreshed} />}
      {dialog === 'approve' && <Approve sheet={sheet} onClose={close} />}
      {dialog === 'correct' && <Correct sheet={sheet} onClose={close} onOpen={onOpen} />}
      {dialog === 'delete' && <DeleteDraft sheet={sheet} onClose={close} onDeleted={onDeleted} />}
      {dialog === 'import' && <ImportModal sheet={sheet} onClose={close} />}
    </Group>
  );
}

interface DialogProps {
  sheet: SheetView;
  onClose(): void;
}

function Refresh({ sheet, onClose, onRefreshed }: DialogProps & Pick<Props, 'onRefreshed'>) {
  const run = useApiMutation('evaluations/sheets/refresh');
  const confirm = async () => {
    const r = await run.mutateAsync({ id: sheet.id });
    if (!r.ok) return notifyError(r.error, '刷新未完成');
    const n = r.value.changedLineIds.length;
    notifySuccess(
      n === 0
        ? `已按最新记录刷新“${title(sheet)}”：没有变化`
        : `已按最新记录刷新“${title(sheet)}”：${n} 人的数量或得分有变化（已标黄）`,
    );
    onRefreshed(r.value.changedLineIds);
    onClose();
  };
  return (
    <ConfirmModal
      title="按最新记录刷新？"
      confirm="刷新"
      color="blue"
      loading={run.isPending}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <Text size="sm">将按现在的工作记录重新统计每人的数量和建议得分。已调整过的得分（及理由）保留不变。</Text>
    </ConfirmModal>
  );
}

function Approve({ sheet, onClose }: DialogProps) {
  const approve = useApiMutation('evaluations/sheets/approve');
  const [by, setBy] = useState('');
  const [error, setError] = useState<string | undefined>();
  const confirm = async () => {
    const r = await approve.mutateAsync({ id: sheet.id, approvedBy: by });
    if (!r.ok) return r.error.fields ? setError(Object.values(r.error.fields)[0]) : notifyError(r.error, '审定未完成');
    notifySuccess(`“${title(sheet)}”已审定`);
    onClose();
  };
  return (
    <ConfirmModal
      title="审定这张评分表？"
      confirm="审定并锁定"
      color="blue"
      loading={approve.isPending}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <Text size="sm">
        “{title(sheet)}”共 {sheet.workers}{' '}
        人。审定后评分表锁定，不能再调整、刷新或删除；如有错误只能“更正”为新的一版（留有记录）。
      </Text>
      <TextInput label="审定人" withAsterisk value={by} onChange={(e) => setBy(e.currentTarget.value)} error={error} />
    </ConfirmModal>
  );
}

function Correct({ sheet, onClose, onOpen }: DialogProps & { onOpen(id: number): void }) {
  const correct = useApiMutation('evaluations/sheets/correct');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const confirm = async () => {
    const r = await correct.mutateAsync({ id: sheet.id, reason });
    if (!r.ok) return r.error.fields ? setError(Object.values(r.error.fields)[0]) : notifyError(r.error, '更正未完成');
    notifySuccess(`已生成“${title(sheet)}”第 ${r.value.version} 版（草稿）`);
    onClose();
    onOpen(r.value.id);
  };
  return (
    <ConfirmModal
      title="更正这张评分表？"
      confirm="生成更正版"
      color="orange"
      loading={correct.isPending}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <Text size="sm">
        将复制为第 {sheet.version + 1} 版草稿供修改；在新版审定之前，本版（第 {sheet.version} 版）的结果仍然有效。
      </Text>
      <Textarea
        label="更正理由"
        withAsterisk
        autosize
        minRows={2}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={error}
      />
    </ConfirmModal>
  );
}

function DeleteDraft({ sheet, onClose, onDeleted }: DialogProps & { onDeleted(): void }) {
  const remove = useApiMutation('evaluations/sheets/delete');
  const confirm = async () => {
    const r = await remove.mutateAsync({ id: sheet.id });
    if (!r.ok) return notifyError(r.error, '删除未完成');
    notifySuccess(`已删除草稿“${title(sheet)}”`);
    onDeleted();
  };
  return (
    <ConfirmModal
      title="删除这张草稿评分表？"
      confirm="删除"
      loading={remove.isPending}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <Text size="sm">
        将删除草稿“{title(sheet)}”（{sheet.schemeName}，第 {sheet.version} 版，{sheet.workers}{' '}
        人）及其中调整过的得分。工作记录不受影响。
      </Text>
    </ConfirmModal>
  );
}

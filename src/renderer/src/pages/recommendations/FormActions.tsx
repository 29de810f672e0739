import { useState } from 'react';
import { Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { IconEye, IconPrinter, IconTrash } from '@tabler/icons-react';
import { PIPELINE_LABELS, formTitle, type RecommendationView } from '@shared/recommendations';
import { PdfPreview } from '@renderer/components/PdfPreview';
import { useNestedDialog } from '@renderer/components/GuardedDrawer';
import { notifyError, notifySuccess } from '@renderer/lib/api';
import { saveThenOpen } from '@renderer/lib/files';
import { useApiMutation, useApiQuery } from '@renderer/lib/query';

function Preview({ rec, onClose }: { rec: RecommendationView; onClose(): void }) {
  const preview = useApiQuery('recommendations/preview', { id: rec.id });
  return (
    <Modal
      opened
      onClose={onClose}
      size={700}
      zIndex={400}
      title={<Text fw={600}>{formTitle(rec.pipeline, rec.year, rec.deputyKind)}（预览）</Text>}
      closeButtonProps={{ 'aria-label': '关闭' }}
    >
      <Stack align="center">
        {preview.error ? (
          <Text c="red">{preview.error.message}</Text>
        ) : (
          <PdfPreview data={preview.data?.preview ?? null} width={620} pending={preview.isFetching} />
        )}
      </Stack>
    </Modal>
  );
}

function ConfirmDelete({ rec, onClose, onDeleted }: { rec: RecommendationView; onClose(): void; onDeleted(): void }) {
  const remove = useApiMutation('recommendations/delete');
  const confirm = async () => {
    const r = await remove.mutateAsync({ id: rec.id });
    if (!r.ok) return notifyError(r.error, '未删除');
    notifySuccess(`已删除${rec.workerName}的${PIPELINE_LABELS[rec.pipeline]}及其 ${r.value.steps} 个环节`);
    onClose();
    onDeleted();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      centered
      zIndex={400}
      title={<Text fw={600}>删除这条推优记录？</Text>}
      closeButtonProps={{ 'aria-label': '关闭' }}
    >
      <Stack>
        <Text size="sm">
          将删除{rec.workerName} {rec.year}年度{PIPELINE_LABELS[rec.pipeline]}，连同已登记的 {rec.stepList.length}{' '}
          个环节{rec.deeds ? '和主要事迹' : ''}：
        </Text>
        <List size="sm">
          {rec.stepList.map((s) => (
            <List.Item key={s.id}>
              {`${s.stage}\u3000${s.date}\u3000${s.decision}`}
              {s.decidedBy ? `（${s.decidedBy}）` : ''}
            </List.Item>
          ))}
        </List>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            取消
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => void confirm()}>
            删除
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** 预览 / 打印推荐表 (saved content only) and deleting the recommendation. */
export function FormActions({ rec, onDeleted }: { rec: RecommendationView; onDeleted(): void }) {
  const [dialog, setDialog] = useState<'preview' | 'delete' | null>(null);
  useNestedDialog(dialog !== null);
  const print = () =>
    void saveThenOpen(
      'recommendations/printForm',
      { id: rec.id },
      {
        title: '保存推荐表',
        defaultName: `${rec.workerName}${formTitle(rec.pipeline, rec.year, rec.deputyKind)}.pdf`,
        describe: () => `已生成${rec.workerName}的推荐表`,
        errorTitle: '推荐表未生成',
      },
    );
  return (
    <Group justify="space-between">
      <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => setDialog('delete')}>
        删除
      </Button>
      <Group gap="xs">
        <Button variant="default" leftSection={<IconEye size={16} />} onClick={() => setDialog('preview')}>
          预览推荐表
        </Button>
        <Button leftSection={<IconPrinter size={16} />} onClick={print}>
          打印推荐表
        </Button>
      </Group>
      {dialog === 'preview' && <Preview rec={rec} onClose={() => setDialog(null)} />}
      {dialog === 'delete' && <ConfirmDelete rec={rec} onClose={() => setDialog(null)} onDeleted={onDeleted} />}
    </Group>
  );
}

import { useState } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import type { ScoreItemView, SheetLineView } from '@shared/evaluations';
import { notifySuccess } from '@renderer/lib/api';
import { useApiMutation } from '@renderer/lib/query';
import { PointsInput } from '@renderer/components/PointsInput';
import { pts } from './model';

export type ScoreTarget = { line: SheetLineView; item: ScoreItemView } | null;

/** 调整得分: any score may change; one that leaves the suggestion says why. */
export function ScoreModal({
  sheetId,
  target,
  onClose,
}: {
  sheetId: number;
  target: NonNullable<ScoreTarget>;
  onClose(): void;
}) {
  const { line, item } = target;
  const set = useApiMutation('evaluations/scores/set');
  const [score, setScore] = useState<number | null>(item.scoreX10);
  const [reason, setReason] = useState(item.reason);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const differs = score !== null && score !== item.suggestedX10;
  const submit = async () => {
    if (score === null) return setErrors({ scoreX10: '请填写得分（最多一位小数，如 92.5）' });
    const r = await set.mutateAsync({ sheetId, lineId: line.id, itemKey: item.key, scoreX10: score, reason });
    if (!r.ok) {
      // Shown in the dialog, where the clerk is looking, not only as a passing notification.
      setErrors(r.error.fields ?? { form: r.error.message });
      return;
    }
    notifySuccess(
      `${line.workerName}的${item.name}：${pts(score)} 分；合计 ${pts(r.value.totalX10)}，${r.value.grade}`,
    );
    onClose();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      centered
      zIndex={400}
      size={480}
      title={
        <Text fw={600}>
          {line.workerName} · {item.name}
        </Text>
      }
      closeButtonProps={{ 'aria-label': '关闭' }}
    >
      <Stack gap="sm">
        <PointsInput
          label="得分"
          description={`建议 ${pts(item.suggestedX10)} 分${item.fullX10 !== null ? `，满分 ${pts(item.fullX10)}` : ''}`}
          withAsterisk
          w={200}
          value={score}
          onChange={setScore}
          error={errors.scoreX10}
          data-autofocus
        />
        <Textarea
          label="调整理由"
          description={differs ? '得分与建议分不同，请写明理由' : '与建议分相同时可不填'}
          withAsterisk={differs}
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
        />
        {errors.form && (
          <Text size="sm" c="red" role="alert">
            {errors.form}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          {differs && (
            <Button variant="subtle" onClick={() => setScore(item.suggestedX10)}>
              恢复建议分
            </Button>
          )}
          <Button loading={set.isPending} onClick={() => void submit()}>
            保存得分
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

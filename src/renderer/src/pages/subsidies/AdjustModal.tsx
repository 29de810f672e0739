import { useState } from 'react';
import { Button, Group, Modal, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { MECHANISM_LABELS, type PayoutLine } from '@shared/subsidies';
import { notifyError, notifySuccess } from '@renderer/lib/api';
import { useApiMutation } from '@renderer/lib/query';
import { MoneyInput } from '@renderer/components/MoneyInput';
import { yuan } from './model';

/** 调整: an amount added to (or taken from) the computed one, with the reason the 财务 will read. */
export function AdjustModal({ line, onClose }: { line: PayoutLine; onClose(): void }) {
  const adjust = useApiMutation('subsidies/lines/adjust');
  const [fen, setFen] = useState<number | null>(line.adjustFen || null);
  const [reason, setReason] = useState(line.adjustReason);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async () => {
    if (fen === null) return setErrors({ adjustFen: '请填写调整金额（扣减填负数，如 -50）' });
    const r = await adjust.mutateAsync({ lineId: line.id!, adjustFen: fen, reason });
    if (!r.ok) {
      if (r.error.fields) setErrors(r.error.fields);
      else notifyError(r.error, '调整未保存');
      return;
    }
    notifySuccess(`已调整${line.worker}的${MECHANISM_LABELS[line.mechanism]}：实发 ${yuan(r.value.amountFen)}`);
    onClose();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      centered
      zIndex={400}
      size={520}
      title={
        <Text fw={600}>
          调整{line.worker}的{MECHANISM_LABELS[line.mechanism]}
        </Text>
      }
      closeButtonProps={{ 'aria-label': '关闭' }}
    >
      <Stack gap="sm">
        <MoneyInput
          label="调整金额"
          description="在计算金额上增加填正数，扣减填负数"
          allowNegative
          withAsterisk
          w={220}
          value={fen}
          onChange={setFen}
          error={errors.adjustFen}
          data-autofocus
        />
        <Textarea
          label="调整理由"
          withAsterisk
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
        />
        <SimpleGrid cols={3} data-testid="adjust-preview">
          <Text size="sm">计算 {yuan(line.computedFen)}</Text>
          <Text size="sm">调整 {yuan(fen ?? 0)}</Text>
          <Text size="sm" fw={600}>
            实发 {yuan(line.computedFen + (fen ?? 0))}
          </Text>
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button loading={adjust.isPending} onClick={() => void submit()}>
            保存调整
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import { useState } from 'react';
import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { todayIso } from '@shared/dates';
import { DEPUTY_KINDS, PIPELINE_LABELS, PIPELINE_STAGES, type Pipeline } from '@shared/recommendations';
import { notifyError, notifySuccess } from '@renderer/lib/api';
import { useApiMutation } from '@renderer/lib/query';
import { WorkerPicker } from '../records/pickers';
import { StepFields, type StepValues } from './StepFields';

interface Props {
  pipeline: Pipeline;
  year: number;
  workerId: number | null;
  onClose(): void;
  onCreated(id: number): void;
}

/** A new pipeline for a worker, with its first step (the pipeline's first stage). */
export function CreateModal({ pipeline, year, workerId, onClose, onCreated }: Props) {
  const create = useApiMutation('recommendations/create');
  const stages = PIPELINE_STAGES[pipeline];
  const [worker, setWorker] = useState<number | null>(workerId);
  const [forYear, setYear] = useState(year);
  const [deputyKind, setDeputyKind] = useState<string | null>(null);
  const [step, setStep] = useState<StepValues>({
    stage: stages[0]!,
    date: todayIso(),
    decision: '通过',
    decidedBy: '',
    notes: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async () => {
    const r = await create.mutateAsync({
      workerId: worker ?? 0,
      pipeline,
      year: forYear,
      first: step,
      honour: pipeline === 'deputy' ? { deputyKind: deputyKind as never } : {},
    });
    if (!r.ok) {
      if (r.error.fields) setErrors(r.error.fields);
      notifyError(r.error, '推优未新建');
      return;
    }
    notifySuccess(`已新建${r.value.workerName}的${PIPELINE_LABELS[pipeline]}（${step.stage}）`);
    onCreated(r.value.id);
  };
  return (
    <Modal
      opened
      onClose={onClose}
      centered
      size={620}
      title={<Text fw={600}>新建{PIPELINE_LABELS[pipeline]}</Text>}
      closeButtonProps={{ 'aria-label': '关闭' }}
    >
      <Stack gap="sm">
        <SimpleGrid cols={pipeline === 'deputy' ? 3 : 2}>
          <WorkerPicker
            label="网格员"
            withAsterisk
            placeholder="输入姓名查找"
            gridId={null}
            value={worker}
            onChange={setWorker}
            error={errors.workerId}
          />
          <NumberInput
            label="年度"
            withAsterisk
            min={2000}
            max={2100}
            value={forYear}
            onChange={(v) => typeof v === 'number' && setYear(v)}
            error={errors.year}
          />
          {pipeline === 'deputy' && (
            <Select
              label="推荐为"
              data={[...DEPUTY_KINDS]}
              value={deputyKind}
              onChange={setDeputyKind}
              placeholder="党代表/人大代表/政协委员"
            />
          )}
        </SimpleGrid>
        <StepFields stages={stages.slice(0, 1)} values={step} errors={errors} onChange={setStep} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button loading={create.isPending} onClick={() => void submit()}>
            新建
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import { useState } from 'react';
import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { todayIso } from '@shared/dates';
import type { RecommendationView } from '@shared/recommendations';
import { notifyError, notifySuccess } from '@renderer/lib/api';
import { useApiMutation } from '@renderer/lib/query';
import { HonourFields, type HonourValues } from './HonourFields';
import { StepFields, type StepValues } from './StepFields';

/** 下一环节: the stage the pipeline expects next, prefilled; the award's details with 授予. */
export function NextStepForm({ rec }: { rec: RecommendationView }) {
  const add = useApiMutation('recommendations/addStep');
  const withdraw = useApiMutation('recommendations/removeLastStep');
  const [step, setStep] = useState<StepValues>({
    stage: rec.nextStage!,
    date: todayIso(),
    decision: '通过',
    decidedBy: '',
    notes: '',
  });
  const [honour, setHonour] = useState<HonourValues>({
    awardLevel: rec.awardLevel,
    awardIssuer: rec.awardIssuer ?? '',
    certificateNo: rec.certificateNo ?? '',
    deputyKind: rec.deputyKind,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const granting = rec.pipeline === 'award' && step.stage === '授予';
  const submit = async () => {
    const r = await add.mutateAsync({
      id: rec.id,
      ...step,
      honour: granting
        ? {
            awardLevel: honour.awardLevel as never,
            awardIssuer: honour.awardIssuer,
            certificateNo: honour.certificateNo,
          }
        : {},
    });
    if (!r.ok) {
      if (r.error.fields) setErrors(r.error.fields);
      notifyError(r.error, '环节未登记');
      return;
    }
    notifySuccess(`已登记“${step.stage}”${step.decision}，${r.value.status}`);
  };
  return (
    <Paper withBorder p="sm" data-testid="next-step">
      <Stack gap="xs">
        <Text fw={600} size="sm">
          下一环节
        </Text>
        <StepFields stages={[rec.nextStage!]} values={step} errors={errors} onChange={setStep} />
        {granting && <HonourFields pipeline="award" values={honour} errors={errors} onChange={setHonour} />}
        <Group justify="space-between">
          <Button
            variant="subtle"
            color="gray"
            size="xs"
            disabled={rec.stepList.length < 2}
            loading={withdraw.isPending}
            onClick={() =>
              void withdraw.mutateAsync({ id: rec.id }).then((r) => (r.ok ? undefined : notifyError(r.error)))
            }
          >
            撤回上一环节
          </Button>
          <Button loading={add.isPending} onClick={() => void submit()}>
            登记
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

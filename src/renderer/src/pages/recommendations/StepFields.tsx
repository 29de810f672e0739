import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { DECISIONS, type Decision } from '@shared/recommendations';

export interface StepValues {
  stage: string;
  date: string;
  decision: Decision;
  decidedBy: string;
  notes: string;
}

interface Props {
  stages: readonly string[];
  values: StepValues;
  errors: Record<string, string>;
  onChange(values: StepValues): void;
}

/** A step's stage, date, decision, who decided and notes. */
export function StepFields({ stages, values, errors, onChange }: Props) {
  const set = <K extends keyof StepValues>(k: K, v: StepValues[K]) => onChange({ ...values, [k]: v });
  return (
    <>
      <SimpleGrid cols={3}>
        <Select
          label="环节"
          withAsterisk
          data={[...stages]}
          value={values.stage}
          allowDeselect={false}
          onChange={(v) => v && set('stage', v)}
          error={errors.stage}
        />
        <TextInput
          type="date"
          label="日期"
          withAsterisk
          value={values.date}
          onChange={(e) => set('date', e.currentTarget.value)}
          error={errors.date}
        />
        <Select
          label="结果"
          withAsterisk
          data={[...DECISIONS]}
          value={values.decision}
          allowDeselect={false}
          onChange={(v) => v && set('decision', v as Decision)}
          error={errors.decision}
        />
      </SimpleGrid>
      <SimpleGrid cols={2}>
        <TextInput
          label="决定单位"
          placeholder="如：村党支部、镇党委"
          value={values.decidedBy}
          onChange={(e) => set('decidedBy', e.currentTarget.value)}
          error={errors.decidedBy}
        />
        <TextInput
          label="备注"
          value={values.notes}
          onChange={(e) => set('notes', e.currentTarget.value)}
          error={errors.notes}
        />
      </SimpleGrid>
    </>
  );
}

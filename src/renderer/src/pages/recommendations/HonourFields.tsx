import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { AWARD_LEVELS, DEPUTY_KINDS, type Pipeline } from '@shared/recommendations';

export interface HonourValues {
  awardLevel: string | null;
  awardIssuer: string;
  certificateNo: string;
  deputyKind: string | null;
}

interface Props {
  pipeline: Pipeline;
  values: HonourValues;
  errors: Record<string, string>;
  onChange(values: HonourValues): void;
}

/** An award's level, issuer and certificate number; a deputy's seat. Nothing for other pipelines. */
export function HonourFields({ pipeline, values, errors, onChange }: Props) {
  const set = <K extends keyof HonourValues>(k: K, v: HonourValues[K]) => onChange({ ...values, [k]: v });
  if (pipeline === 'deputy') {
    return (
      <Select
        label="推荐为"
        data={[...DEPUTY_KINDS]}
        value={values.deputyKind}
        onChange={(v) => set('deputyKind', v)}
        error={errors.deputyKind}
      />
    );
  }
  if (pipeline !== 'award') return null;
  return (
    <SimpleGrid cols={3}>
      <Select
        label="荣誉级别"
        data={[...AWARD_LEVELS]}
        value={values.awardLevel}
        onChange={(v) => set('awardLevel', v)}
        error={errors.awardLevel}
      />
      <TextInput
        label="颁发单位"
        value={values.awardIssuer}
        onChange={(e) => set('awardIssuer', e.currentTarget.value)}
        error={errors.awardIssuer}
      />
      <TextInput
        label="证书编号"
        value={values.certificateNo}
        onChange={(e) => set('certificateNo', e.currentTarget.value)}
        error={errors.certificateNo}
      />
    </SimpleGrid>
  );
}

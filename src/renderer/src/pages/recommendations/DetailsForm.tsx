import { useState } from 'react';
import { Button, Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconWand } from '@tabler/icons-react';
import type { RecommendationView } from '@shared/recommendations';
import { useReportDirty } from '@renderer/components/GuardedDrawer';
import { call, notifyError, notifySuccess } from '@renderer/lib/api';
import { useApiMutation } from '@renderer/lib/query';
import { HonourFields, type HonourValues } from './HonourFields';

interface Values {
  deeds: string;
  villageOpinion: string;
  townshipOpinion: string;
  notes: string;
  honour: HonourValues;
}

function initial(rec: RecommendationView): Values {
  return {
    deeds: rec.deeds,
    villageOpinion: rec.villageOpinion,
    townshipOpinion: rec.townshipOpinion,
    notes: rec.notes,
    honour: {
      awardLevel: rec.awardLevel,
      awardIssuer: rec.awardIssuer ?? '',
      certificateNo: rec.certificateNo ?? '',
      deputyKind: rec.deputyKind,
    },
  };
}

/** What the 推荐表 prints: the honour, 主要事迹 (drawn from the records, then edited) and opinions. */
export function DetailsForm({ rec }: { rec: RecommendationView }) {
  const save = useApiMutation('recommendations/update');
  const [values, setValues] = useState<Values>(() => initial(rec));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [drafting, setDrafting] = useState(false);
  const dirty = JSON.stringify(values) !== JSON.stringify(initial(rec));
  useReportDirty(dirty);
  const set = <K extends keyof Values>(k: K, v: Values[K]) => setValues((x) => ({ ...x, [k]: v }));
  const draft = async () => {
    setDrafting(true);
    const r = await call('recommendations/deedsDraft', { id: rec.id });
    setDrafting(false);
    if (!r.ok) return notifyError(r.error, '未能生成事迹');
    set('deeds', r.value.text);
  };
  const submit = async () => {
    const h = values.honour;
    const r = await save.mutateAsync({
      id: rec.id,
      deeds: values.deeds,
      villageOpinion: values.villageOpinion,
      townshipOpinion: values.townshipOpinion,
      notes: values.notes,
      honour: {
        awardLevel: h.awardLevel as never,
        awardIssuer: h.awardIssuer,
        certificateNo: h.certificateNo,
        deputyKind: h.deputyKind as never,
      },
    });
    if (!r.ok) {
      if (r.error.fields) setErrors(r.error.fields);
      notifyError(r.error, '推荐表内容未保存');
      return;
    }
    notifySuccess('已保存推荐表内容');
  };
  return (
    <Stack gap="xs" data-testid="details-form">
      <HonourFields pipeline={rec.pipeline} values={values.honour} errors={errors} onChange={(h) => set('honour', h)} />
      <Textarea
        label={
          <Group gap="xs" component="span">
            主要事迹
            <Button
              size="compact-xs"
              variant="light"
              leftSection={<IconWand size={14} />}
              loading={drafting}
              onClick={() => void draft()}
            >
              从工作记录生成
            </Button>
          </Group>
        }
        description={`按 ${rec.year} 年的工作记录统计，生成后可修改`}
        autosize
        minRows={4}
        maxRows={10}
        value={values.deeds}
        onChange={(e) => set('deeds', e.currentTarget.value)}
        error={errors.deeds}
      />
      <Textarea
        label="村党组织意见"
        autosize
        minRows={1}
        value={values.villageOpinion}
        onChange={(e) => set('villageOpinion', e.currentTarget.value)}
        error={errors.villageOpinion}
      />
      <Textarea
        label="镇党委意见"
        autosize
        minRows={1}
        value={values.townshipOpinion}
        onChange={(e) => set('townshipOpinion', e.currentTarget.value)}
        error={errors.townshipOpinion}
      />
      <TextInput
        label="备注"
        value={values.notes}
        onChange={(e) => set('notes', e.currentTarget.value)}
        error={errors.notes}
      />
      <Group justify="flex-end">
        {dirty && (
          <Text size="xs" c="orange">
            有未保存的修改，推荐表按已保存的内容打印
          </Text>
        )}
        <Button disabled={!dirty} loading={save.isPending} onClick={() => void submit()}>
          保存
        </Button>
      </Group>
    </Stack>
  );
}

import {
  Button,
  Checkbox,
  Divider,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { EVAL_PERIOD_LABELS, EVAL_PERIODS, type SchemeView } from '@shared/evaluations';
import { notifyError, notifySuccess } from '@renderer/lib/api';
import { useApiMutation, useApiQuery } from '@renderer/lib/query';
import { GuardedDrawer, useDrawerGuard, useReportDirty } from '@renderer/components/GuardedDrawer';
import { AdjustItemsTable, CombineTable, CriteriaTable, GradeBands } from './SchemeParts';
import type { SchemeDraft } from './model';

const PERIOD_OPTIONS = EVAL_PERIODS.map((p) => ({ value: p, label: EVAL_PERIOD_LABELS[p] }));

export type SchemeTarget = { id: number | null; draft: SchemeDraft } | null;

/** 考核方案 editor in a drawer that asks before dropping unsaved changes. */
export function SchemeEditorDrawer({ target, onClose }: { target: SchemeTarget; onClose(): void }) {
  return (
    <GuardedDrawer
      opened={target !== null}
      onClose={onClose}
      position="right"
      size={960}
      title={<Text fw={600}>{target?.id ? '修改考核方案' : '新建考核方案'}</Text>}
      closeButtonProps={{ 'aria-label': '关闭' }}
    >
      {target && <SchemeForm key={target.id ?? 'new'} target={target} onSaved={onClose} />}
    </GuardedDrawer>
  );
}

/** Client-side checks the contract cannot express: the weights of each list add up to 100. */
function weightErrors(v: SchemeDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  const sum = v.definition.criteria.reduce((a, c) => a + (Number(c.weight) || 0), 0);
  // A combined scheme may have no criteria of its own: it only weighs other schemes' results.
  const combinedOnly = v.definition.criteria.length === 0 && v.definition.combine.length > 0;
  if (sum !== 100 && !combinedOnly) errors['definition.criteria'] = `考核项目的权重合计为 ${sum} %，应为 100 %`;
  const combined = v.definition.combine.reduce((a, c) => a + (Number(c.weight) || 0), 0);
  if (v.definition.combine.length > 0 && combined !== 100)
    errors['definition.combine'] = `合成权重合计为 ${combined} %，应为 100 %`;
  if (!v.name.trim()) errors.name = '请填写方案名称';
  return errors;
}

function SchemeForm({ target, onSaved }: { target: NonNullable<SchemeTarget>; onSaved(): void }) {
  const create = useApiMutation('evaluations/schemes/create');
  const update = useApiMutation('evaluations/schemes/update');
  const schemes = useApiQuery('evaluations/schemes/list', {}).data ?? [];
  const guard = useDrawerGuard();
  const form = useForm<SchemeDraft>({ mode: 'controlled', initialValues: target.draft, validate: weightErrors });
  useReportDirty(form.isDirty());
  const submit = form.onSubmit(async (values) => {
    const r = target.id ? await update.mutateAsync({ id: target.id, ...values }) : await create.mutateAsync(values);
    if (!r.ok) {
      if (r.error.fields) form.setErrors(r.error.fields);
      notifyError(r.error, '方案未保存');
      return;
    }
    notifySuccess(`已保存考核方案“${r.value.name}”`);
    form.resetDirty();
    onSaved();
  });
  const d = form.values.definition;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={3}>
          <TextInput label="方案名称" withAsterisk data-autofocus {...form.getInputProps('name')} />
          <Select
            label="考核周期"
            withAsterisk
            data={PERIOD_OPTIONS}
            allowDeselect={false}
            {...form.getInputProps('period')}
          />
          <NumberInput
            label="任职满（月）才评定"
            description="不足的只列出、不评等次"
            min={0}
            max={36}
            allowDecimal={false}
            {...form.getInputProps('definition.minMonths')}
          />
        </SimpleGrid>
        <Checkbox.Group
          label="考核对象"
          value={d.levels.map(String)}
          onChange={(v) => form.setFieldValue('definition.levels', v.map(Number) as (3 | 4)[])}
          error={form.errors['definition.levels']}
        >
          <Group mt={4}>
            <Checkbox value="3" label="三级网格长（村民小组）" />
            <Checkbox value="4" label="四级网格员（户级）" />
          </Group>
        </Checkbox.Group>
        <Divider label="考核项目（满分按记录数量折算，评分人可调整）" labelPosition="left" />
        <CriteriaTable form={form} />
        <FormError message={form.errors['definition.criteria']} />
        <Divider label="加分项目" labelPosition="left" />
        <AdjustItemsTable form={form} list="bonus" />
        <Divider label="扣分项目" labelPosition="left" />
        <AdjustItemsTable form={form} list="deductions" />
        <Divider label="等次分数线" labelPosition="left" />
        <GradeBands form={form} />
        <Divider label="合成其他方案（如半年 40 % + 年终 60 %，可不设）" labelPosition="left" />
        <CombineTable form={form} schemes={schemes} selfId={target.id} />
        <FormError message={form.errors['definition.combine']} />
        <Group justify="flex-end">
          <Button variant="default" onClick={guard.requestClose}>
            取消
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            保存方案
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function FormError({ message }: { message: unknown }) {
  if (!message) return null;
  return (
    <Text size="sm" c="red" role="alert">
      {String(message)}
    </Text>
  );
}

export function draftOf(s: SchemeView): SchemeDraft {
  return { name: s.name, period: s.period, definition: structuredClone(s.definition) };
}

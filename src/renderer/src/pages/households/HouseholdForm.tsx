import { useState } from 'react';
import { Button, Group, NumberInput, SimpleGrid, Stack, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { HOUSEHOLD_TAGS, householdFieldsSchema, type HouseholdView } from '@shared/people';
import { notifyError, notifySuccess } from '@renderer/lib/api';
import { useApiMutation } from '@renderer/lib/query';
import { GridSelect } from '@renderer/components/GridSelect';
import { GuardedDrawer, useDrawerGuard, useNestedDialog, useReportDirty } from '@renderer/components/GuardedDrawer';
import { DeleteHouseholdModal } from './DeleteHouseholdModal';

const HOUSEHOLD_LEVEL = [4] as const;

interface Values {
  gridId: number | null;
  headName: string;
  idNumber: string;
  phone: string;
  address: string;
  doorNumber: string;
  members: number | string;
  tags: string[];
  notes: string;
}

interface Props {
  target: 'new' | HouseholdView | null;
  defaultGridId: number | null;
  onClose(): void;
  /** After a successful save (lists refresh by themselves). */
  onSaved?(h: HouseholdView): void;
  /** After the household was deleted (the drawer closes by itself). */
  onDeleted?(h: HouseholdView): void;
}

export function HouseholdFormDrawer({ target, defaultGridId, onClose, onSaved, onDeleted }: Props) {
  return (
    <GuardedDrawer
      closeButtonProps={{ 'aria-label': '关闭' }}
      opened={target !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={<Text fw={600}>{target === 'new' ? '新增住户' : `编辑住户：${target?.headName ?? ''}`}</Text>}
    >
      {target && (
        <HouseholdForm
          key={target === 'new' ? 'new' : target.id}
          target={target}
          defaultGridId={defaultGridId}
          onClose={onClose}
          onSaved={onSaved}
          onDeleted={onDeleted}
        />
      )}
    </GuardedDrawer>
  );
}

function toInput(v: Values) {
  return { ...v, gridId: v.gridId ?? 0, members: v.members === '' ? null : Number(v.members) };
}

function HouseholdForm({
  target,
  defaultGridId,
  onClose,
  onSaved,
  onDeleted,
}: Props & { target: 'new' | HouseholdView }) {
  const edit = target === 'new' ? null : target;
  const create = useApiMutation('households/create');
  const update = useApiMutation('households/update');
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      gridId: edit?.gridId ?? defaultGridId,
      headName: edit?.headName ?? '',
      idNumber: edit?.idNumber ?? '',
      phone: edit?.phone ?? '',
      address: edit?.address ?? '',
      doorNumber: edit?.doorNumber ?? '',
      members: edit?.members ?? '',
      tags: edit?.tags ?? [],
      notes: edit?.notes ?? '',
    },
    validate: (values) => {
      const errors = schemaResolver(householdFieldsSchema, { sync: true })(toInput(values) as never) as Record<
        string,
        string
      >;
      if (!values.gridId) errors.gridId = '请选择所属户级网格';
      return errors;
    },
  });
  const { requestClose } = useDrawerGuard();
  useReportDirty(form.isDirty());
  const [deleting, setDeleting] = useState(false);
  useNestedDialog(deleting);

  const submit = form.onSubmit(async (values) => {
    const input = toInput(values);
    const r = edit ? await update.mutateAsync({ id: edit.id, ...input }) : await create.mutateAsync(input);
    if (!r.ok) {
      if (r.error.fields) form.setErrors(r.error.fields);
      else notifyError(r.error);
      return;
    }
    notifySuccess(edit ? `已保存住户“${r.value.headName}”` : `已新增住户“${r.value.headName}”`);
    onSaved?.(r.value);
    onClose();
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <GridSelect
          label="所属户级网格"
          withAsterisk
          levels={HOUSEHOLD_LEVEL}
          value={form.values.gridId}
          onChange={(v) => form.setFieldValue('gridId', v)}
          error={form.errors.gridId}
          comboboxProps={{ withinPortal: true }}
        />
        <SimpleGrid cols={2}>
          <TextInput label="户主姓名" withAsterisk {...form.getInputProps('headName')} />
          <TextInput label="户主身份证号" maxLength={18} {...form.getInputProps('idNumber')} />
          <TextInput label="联系电话" {...form.getInputProps('phone')} />
          <NumberInput label="家庭人口" min={1} max={50} allowDecimal={false} {...form.getInputProps('members')} />
          <TextInput label="住址" {...form.getInputProps('address')} />
          <TextInput label="门牌号" {...form.getInputProps('doorNumber')} />
        </SimpleGrid>
        <TagsInput label="户类别" data={[...HOUSEHOLD_TAGS]} clearable {...form.getInputProps('tags')} />
        <Textarea label="备注" autosize minRows={2} {...form.getInputProps('notes')} />
        <Group justify="space-between">
          {edit ? (
            <Button variant="subtle" color="red" onClick={() => setDeleting(true)}>
              删除住户…
            </Button>
          ) : (
            <span />
          )}
          <Group gap="xs">
            <Button variant="default" onClick={requestClose}>
              取消
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending}>
              保存
            </Button>
          </Group>
        </Group>
      </Stack>
      {edit && deleting && (
        <DeleteHouseholdModal
          household={edit}
          onClose={() => setDeleting(false)}
          onDeleted={() => {
            onDeleted?.(edit);
            onClose();
          }}
        />
      )}
    </form>
  );
}

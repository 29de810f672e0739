import {
  Autocomplete,
  Button,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  Input,
} from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { idInfo, idProblem } from '@shared/idcard';
import {
  EDUCATIONS,
  POLITICAL_STATUSES,
  WORKER_TAGS,
  workerFieldsSchema,
  type WorkerDetail,
  type WorkerFieldsInput,
} from '@shared/people';
import { normalizeIdNumber } from '@shared/text';
import { notifyError, notifySuccess } from '@renderer/lib/api';
import { useApiMutation } from '@renderer/lib/query';
import { GuardedDrawer, useDrawerGuard, useReportDirty } from '@renderer/components/GuardedDrawer';

interface Props {
  /** null: closed; 'new' to create; a worker to edit. */
  target: 'new' | WorkerDetail | null;
  onClose(): void;
  /** After a successful save (lists refresh by themselves). */
  onSaved?(w: WorkerDetail): void;
}

/** The status is not edited here: 离任 and back are actions of the detail drawer. */
type Values = Required<Omit<WorkerFieldsInput, 'gender' | 'status'>> & {
  gender: '男' | '女' | '';
};

export function WorkerFormDrawer({ target, onClose, onSaved }: Props) {
  return (
    <GuardedDrawer
      closeButtonProps={{ 'aria-label': '关闭' }}
      opened={target !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={<Text fw={600}>{target === 'new' ? '新增网格员' : `编辑：${target?.name ?? ''}`}</Text>}
    >
      {target && (
        <WorkerForm key={target === 'new' ? 'new' : target.id} target={target} onClose={onClose} onSaved={onSaved} />
      )}
    </GuardedDrawer>
  );
}

function WorkerForm({
  target,
  onClose,
  onSaved,
}: {
  target: 'new' | WorkerDetail;
  onClose(): void;
  onSaved?(w: WorkerDetail): void;
}) {
  const edit = target === 'new' ? null : target;
  const create = useApiMutation('workers/create');
  const update = useApiMutation('workers/update');
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      name: edit?.name ?? '',
      gender: edit?.gender ?? '',
      idNumber: edit?.idNumber ?? '',
      phone: edit?.phone ?? '',
      politicalStatus: edit?.politicalStatus ?? '群众',
      education: edit?.education ?? '',
      tags: edit?.tags ?? [],
      notes: edit?.notes ?? '',
      bankAccount: edit?.bankAccount ?? '',
    },
    validate: schemaResolver(workerFieldsSchema, { sync: true }) as never,
    onValuesChange: (values, previous) => {
      // Fill in the gender from a complete, valid ID number.
      if (values.idNumber !== previous.idNumber) {
        const id = normalizeIdNumber(values.idNumber);
        if (idProblem(id) === null && !values.gender) form.setFieldValue('gender', idInfo(id).gender);
      }
    },
  });

  const { requestClose } = useDrawerGuard();
  useReportDirty(form.isDirty());

  const submit = form.onSubmit(async (values) => {
    const input = { ...values, gender: values.gender as '男' | '女' };
    const r = edit ? await update.mutateAsync({ id: edit.id, ...input }) : await create.mutateAsync(input);
    if (!r.ok) {
      if (r.error.fields) form.setErrors(r.error.fields);
      else notifyError(r.error);
      return;
    }
    notifySuccess(edit ? `已保存“${r.value.name}”` : `已新增网格员“${r.value.name}”`);
    onSaved?.(r.value);
    onClose();
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <SimpleGrid cols={2}>
          <TextInput label="姓名" withAsterisk data-autofocus {...form.getInputProps('name')} />
          <Input.Wrapper label="性别" withAsterisk error={form.errors.gender}>
            <div>
              <SegmentedControl
                data={['男', '女']}
                value={form.values.gender}
                onChange={(v) => form.setFieldValue('gender', v as '男' | '女')}
              />
            </div>
          </Input.Wrapper>
          <TextInput
            label="身份证号"
            withAsterisk
            maxLength={18}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            {...form.getInputProps('idNumber')}
          />
          <TextInput
            label="联系电话"
            withAsterisk
            description="11 位手机号或带区号的固定电话"
            {...form.getInputProps('phone')}
          />
          <Select
            label="政治面貌"
            data={[...POLITICAL_STATUSES]}
            allowDeselect={false}
            {...form.getInputProps('politicalStatus')}
          />
          <Autocomplete label="学历" data={[...EDUCATIONS]} {...form.getInputProps('education')} />
          <TextInput
            label="银行账号"
            description="发放补贴用，12 到 30 位数字"
            inputMode="numeric"
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            {...form.getInputProps('bankAccount')}
          />
        </SimpleGrid>
        <TagsInput
          label="人员类别"
          description="可从列表选择，也可输入后按回车添加"
          data={[...WORKER_TAGS]}
          clearable
          // Opening upwards: below it the list would cover 保存.
          comboboxProps={{ position: 'top', middlewares: { flip: false, shift: true } }}
          {...form.getInputProps('tags')}
        />
        <Textarea label="备注" autosize minRows={2} {...form.getInputProps('notes')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={requestClose}>
            取消
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            保存
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

import { useState } from 'react';
import { Button, Group, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { RECORD_LABELS, RECORD_SCHEMAS, type RecordKind, type RecordView } from '@shared/records';
import { notifyError, notifySuccess } from '@renderer/lib/api';
import { useApiMutation } from '@renderer/lib/query';
import { GridSelect } from '@renderer/components/GridSelect';
import { GuardedDrawer, useDrawerGuard, useNestedDialog, useReportDirty } from '@renderer/components/GuardedDrawer';
import { blankValues, editValues, KindFields, toFields, type Values } from './RecordFields';
import { KINDS_WITH_WORKER } from './model';
import { HouseholdPicker, WorkerPicker } from './pickers';

const ALL_LEVELS = [1, 2, 3, 4] as const;

/** What the drawer edits: a new record of a kind, or an existing one. */
export type RecordTarget = { kind: RecordKind; record: RecordView | null; gridId?: number | null } | null;

interface Props {
  target: RecordTarget;
  onClose(): void;
}

/** One record's form in a drawer that asks before losing changes. */
export function RecordFormDrawer({ target, onClose }: Props) {
  const label = target ? RECORD_LABELS[target.kind] : '';
  return (
    <GuardedDrawer
      closeButtonProps={{ 'aria-label': '关闭' }}
      opened={target !== null}
      onClose={onClose}
      position="right"
      size={680}
      title={
        <Text fw={600} lineClamp={1}>
          {target?.record ? `${label}：${target.record.summary}` : `新增${label}`}
        </Text>
      }
      data-testid="record-drawer"
    >
      {target && <RecordForm key={`${target.kind}-${target.record?.id ?? 'new'}`} target={target} onClose={onClose} />}
    </GuardedDrawer>
  );
}

/** "矛盾纠纷 2026-03-05 张三与李四…": how a confirmation names a record. */
export function recordName(r: RecordView): string {
  return `${RECORD_LABELS[r.kind]}“${r.summary}”（${r.date}，${r.gridLabel}）`;
}

function validate(kind: RecordKind, values: Values): Record<string, string> {
  return schemaResolver(RECORD_SCHEMAS[kind], { sync: true })(toFields(values) as never) as Record<string, string>;
}

function RecordForm({ target, onClose }: { target: NonNullable<RecordTarget>; onClose(): void }) {
  const { kind, record } = target;
  const create = useApiMutation('records/create');
  const update = useApiMutation('records/update');
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: record ? editValues(record.fields) : blankValues(kind, target.gridId ?? null),
    validate: (values) => validate(kind, values),
  });
  const { requestClose } = useDrawerGuard();
  useReportDirty(form.isDirty());
  const [deleting, setDeleting] = useState(false);
  useNestedDialog(deleting);

  const submit = form.onSubmit(async (values) => {
    const input = { kind, fields: toFields(values) } as never;
    const r = record
      ? await update.mutateAsync({ ...(input as object), id: record.id } as never)
      : await create.mutateAsync(input);
    if (!r.ok) {
      if (r.error.fields)
        form.setErrors(
          Object.fromEntries(Object.entries(r.error.fields).map(([k, m]) => [k.replace(/^fields\./, ''), m])),
        );
      else notifyError(r.error);
      return;
    }
    notifySuccess(`${record ? '已保存' : '已新增'}${RECORD_LABELS[kind]}“${r.value.summary}”`);
    onClose();
  });
  const gridId = (form.values.gridId as number | null) ?? null;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={KINDS_WITH_WORKER.includes(kind) ? 2 : 1}>
          <GridSelect
            label={kind === 'trainings' ? '组织网格' : '所属网格'}
            withAsterisk
            levels={ALL_LEVELS}
            value={gridId}
            onChange={(v) => form.setFieldValue('gridId', v)}
            error={form.errors.gridId}
            comboboxProps={{ withinPortal: true }}
          />
          {KINDS_WITH_WORKER.includes(kind) && (
            <WorkerPicker
              label="网格员"
              placeholder="输入姓名查找"
              gridId={gridId}
              currentName={record?.workerName}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('workerId')}
              value={(form.values.workerId as number | null) ?? null}
            />
          )}
        </SimpleGrid>
        {kind === 'services' && (
          <HouseholdPicker
            label="服务对象（住户）"
            placeholder="输入户主姓名查找"
            gridId={gridId}
            currentName={record?.householdName}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('householdId')}
            value={(form.values.householdId as number | null) ?? null}
          />
        )}
        <KindFields kind={kind} form={form} />
        <Group justify="space-between">
          {record ? (
            <Button variant="subtle" color="red" onClick={() => setDeleting(true)}>
              删除记录…
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
      {record && deleting && (
        <DeleteRecordModal
          record={record}
          onClose={() => setDeleting(false)}
          onDeleted={() => {
            setDeleting(false);
            onClose();
          }}
        />
      )}
    </form>
  );
}

function DeleteRecordModal({ record, onClose, onDeleted }: { record: RecordView; onClose(): void; onDeleted(): void }) {
  const remove = useApiMutation('records/delete');
  const confirm = async () => {
    const r = await remove.mutateAsync({ kind: record.kind, id: record.id });
    if (!r.ok) return notifyError(r.error);
    notifySuccess(`已删除${recordName(record)}`);
    onDeleted();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      centered
      zIndex={400}
      title={<Text fw={600}>删除这条记录？</Text>}
      closeButtonProps={{ 'aria-label': '关闭' }}
    >
      <Stack>
        <Text size="sm">将删除{recordName(record)}。删除后不能恢复，操作日志中会留下记录。</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            取消
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => void confirm()}>
            删除
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

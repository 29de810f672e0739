import { useEffect } from 'react';
import { Button, Drawer, Group, SegmentedControl, Stack, Text, TextInput, Input } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import {
  gridCreateSchema,
  gridUpdateSchema,
  LEVEL_ORDINALS,
  type GridLevel,
  type GridNode,
  type VillageKind,
} from '@shared/grids';
import { notifyError, notifySuccess } from '@renderer/lib/api';
import { useApiMutation, useApiQuery } from '@renderer/lib/query';
import { useAppState, useLevelName } from '@renderer/lib/settings-context';

export type GridFormMode = { kind: 'create'; parent: GridNode | null } | { kind: 'edit'; grid: GridNode };

interface Props {
  mode: GridFormMode | null;
  onClose(): void;
  onSaved(node: GridNode): void;
}

interface Values {
  name: string;
  code: string;
  kind: VillageKind | null;
  divisionCode: string;
}

function levelOf(mode: GridFormMode): GridLevel {
  if (mode.kind === 'edit') return mode.grid.level;
  return mode.parent ? ((mode.parent.level + 1) as GridLevel) : 1;
}

/** Create or edit a grid; validation messages appear at the field, from the same zod schemas main uses. */
export function GridFormDrawer({ mode, onClose, onSaved }: Props) {
  return (
    <Drawer
      closeButtonProps={{ 'aria-label': '关闭' }}
      opened={mode !== null}
      onClose={onClose}
      position="right"
      size="md"
      title={mode ? <DrawerTitle mode={mode} /> : null}
    >
      {mode && (
        <GridForm
          key={mode.kind === 'edit' ? `e${mode.grid.id}` : `c${mode.parent?.id ?? 0}`}
          mode={mode}
          onClose={onClose}
          onSaved={onSaved}
        />
      )}
    </Drawer>
  );
}

function DrawerTitle({ mode }: { mode: GridFormMode }) {
  const levelName = useLevelName();
  const level = levelOf(mode);
  return (
    <Text fw={600}>
      {mode.kind === 'edit' ? `编辑：${mode.grid.name}` : `新增${levelName(level)}（${LEVEL_ORDINALS[level]}）`}
    </Text>
  );
}

function GridForm({ mode, onClose, onSaved }: { mode: GridFormMode; onClose(): void; onSaved(node: GridNode): void }) {
  const level = levelOf(mode);
  const levelName = useLevelName();
  const { settings } = useAppState();
  const create = useApiMutation('grids/create');
  const update = useApiMutation('grids/update');
  const parent = mode.kind === 'create' ? mode.parent : null;
  const edit = mode.kind === 'edit' ? mode.grid : null;

  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      name: edit?.name ?? '',
      code: edit?.code ?? '',
      kind: edit?.kind ?? (level === 2 ? '村' : null),
      divisionCode: edit?.divisionCode ?? '',
    },
    validate: (values) => {
      const resolver =
        mode.kind === 'edit'
          ? schemaResolver(gridUpdateSchema, { sync: true })
          : schemaResolver(gridCreateSchema, { sync: true });
      const full =
        mode.kind === 'edit' ? { id: mode.grid.id, ...values } : { parentId: parent?.id ?? null, level, ...values };
      return resolver(full as never);
    },
  });

  // Suggest the next free code under the parent when creating, unless the clerk typed one already.
  const suggested = useApiQuery(
    'grids/suggestCode',
    { parentId: parent?.id ?? null },
    { enabled: mode.kind === 'create', silent: true },
  ).data?.code;
  useEffect(() => {
    if (suggested && !form.getValues().code) form.setFieldValue('code', suggested);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [suggested]);

  const digits = settings.codeScheme.digits[level - 1] ?? 2;
  const prefix = parent ? parent.code : settings.codeScheme.prefix;
  const codeHint = prefix ? `上级编码 ${prefix} 后加 ${digits} 位数字` : `${digits} 位数字`;

  const submit = form.onSubmit(async (values) => {
    const r =
      mode.kind === 'edit'
        ? await update.mutateAsync({ id: mode.grid.id, ...values })
        : await create.mutateAsync({ parentId: parent?.id ?? null, level, ...values });
    if (!r.ok) {
      if (r.error.fields && Object.keys(r.error.fields).some((f) => f in values)) form.setErrors(r.error.fields);
      else notifyError(r.error);
      return;
    }
    notifySuccess(mode.kind === 'edit' ? `已保存“${r.value.name}”` : `已新增“${r.value.name}”（编码 ${r.value.code}）`);
    onSaved(r.value);
    onClose();
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {parent && (
          <Text size="sm" c="dimmed">
            上级：{parent.name}（{parent.code}）
          </Text>
        )}
        <TextInput
          label="名称"
          withAsterisk
          placeholder={level === 3 ? '如：十四组' : undefined}
          data-autofocus
          {...form.getInputProps('name')}
        />
        <TextInput
          label="网格编码"
          withAsterisk
          description={
            mode.kind === 'edit' && edit && edit.childCount > 0
              ? `${codeHint}。改编码后，下级网格的编码随之改变`
              : codeHint
          }
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          {...form.getInputProps('code')}
        />
        {level === 2 && (
          <Input.Wrapper label="类型" withAsterisk error={form.errors.kind}>
            <div>
              <SegmentedControl
                data={['村', '社区']}
                value={form.values.kind ?? ''}
                onChange={(v) => form.setFieldValue('kind', v as VillageKind)}
              />
            </div>
          </Input.Wrapper>
        )}
        {level <= 2 && (
          <TextInput
            label="统计用区划代码"
            description="12 位，可不填"
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            maxLength={12}
            {...form.getInputProps('divisionCode')}
          />
        )}
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {mode.kind === 'edit' ? '保存' : `新增${levelName(level)}`}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

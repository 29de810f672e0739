/**
 * 网格微信群 on the grid page: a villager group's or household grid's group (name, owner, members,
 * households covered) with its QR code, saved as a wechatGroups record; above those levels, the
 * household grids that still have no group.
 */
import { useEffect } from 'react';
import { Badge, Button, Card, Group, Image, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import type { GridNode } from '@shared/grids';
import { wechatGroupFieldsSchema, type RecordInput, type RecordView } from '@shared/records';
import { call, notifyError, notifySuccess } from '@renderer/lib/api';
import { chooseOpen } from '@renderer/lib/files';
import { useApiQuery } from '@renderer/lib/query';

type GroupForm = RecordInput<'wechatGroups'>;

function QrCode({ grid }: { grid: GridNode }) {
  // Most grids have no QR code yet; that is not worth a notification.
  const image = useApiQuery('grids/qr', { id: grid.id }, { silent: true }).data?.image ?? null;
  const upload = async () => {
    const file = await chooseOpen('image');
    if (!file) return;
    const r = await call('grids/setQr', { id: grid.id, file });
    if (!r.ok) return notifyError(r.error);
    notifySuccess('微信群二维码已保存，将印在该网格住户的联系卡上');
  };
  const remove = async () => {
    const r = await call('grids/clearQr', { id: grid.id });
    if (!r.ok) notifyError(r.error);
  };
  return (
    <Stack gap={4} align="center" w={150} data-testid="grid-qr">
      {image ? (
        <Image src={image} alt={`${grid.name}微信群二维码`} w={96} h={96} fit="contain" />
      ) : (
        <Text size="xs" c="dimmed" ta="center">
          还没有二维码
        </Text>
      )}
      <Group gap={4} justify="center">
        <Button size="xs" variant="light" onClick={() => void upload()}>
          {image ? '更换二维码' : '上传二维码'}
        </Button>
        {image && (
          <Button size="xs" variant="subtle" color="gray" onClick={() => void remove()}>
            移除
          </Button>
        )}
      </Group>
    </Stack>
  );
}

const EMPTY = (gridId: number): GroupForm => ({ gridId, name: '', owner: '', members: 0, households: 0, notes: '' });

function GroupFields({ grid, group }: { grid: GridNode; group: RecordView<'wechatGroups'> | null }) {
  const form = useForm<GroupForm>({
    mode: 'controlled',
    initialValues: group?.fields ?? EMPTY(grid.id),
    validate: schemaResolver(wechatGroupFieldsSchema, { sync: true }),
  });
  useEffect(() => {
    const v = group?.fields ?? EMPTY(grid.id);
    form.setValues(v);
    form.resetDirty(v);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [group, grid.id]);
  const submit = form.onSubmit(async (values) => {
    const fields = { ...values, gridId: grid.id };
    const r = group
      ? await call('records/update', { kind: 'wechatGroups', id: group.id, fields })
      : await call('records/create', { kind: 'wechatGroups', fields });
    if (!r.ok) {
      if (r.error.fields) form.setErrors(r.error.fields);
      return notifyError(r.error);
    }
    notifySuccess(`微信群“${fields.name}”已保存`);
  });
  return (
    <form onSubmit={submit} noValidate style={{ flex: 1 }}>
      <Stack gap="xs">
        <SimpleGrid cols={2}>
          <TextInput label="群名称" required {...form.getInputProps('name')} />
          <TextInput label="群主" {...form.getInputProps('owner')} />
          <NumberInput label="群成员数" min={0} allowDecimal={false} {...form.getInputProps('members')} />
          <NumberInput
            label="覆盖户数"
            description={`本网格共 ${grid.households} 户`}
            min={0}
            allowDecimal={false}
            {...form.getInputProps('households')}
          />
        </SimpleGrid>
        <Group gap="xs">
          <Button type="submit" size="xs">
            {group ? '保存修改' : '登记微信群'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The household grids under a village or township that have no group yet. */
function GridsWithoutGroup({ grid }: { grid: GridNode }) {
  const rows = useApiQuery('records/gridsWithoutGroup', { gridId: grid.id }).data;
  if (!rows) return null;
  if (rows.length === 0) return <Text size="sm">所有户级网格都已登记微信群。</Text>;
  return (
    <Stack gap={4} data-testid="grids-without-group">
      <Text size="sm">还没有微信群的户级网格（{rows.length} 个）：</Text>
      <Group gap={4}>
        {rows.slice(0, 60).map((g) => (
          <Badge key={g.id} variant="light" color="orange" title={g.code}>
            {g.label}
          </Badge>
        ))}
        {rows.length > 60 && <Text size="xs">等共 {rows.length} 个</Text>}
      </Group>
    </Stack>
  );
}

export function WechatGroupPanel({ grid }: { grid: GridNode }) {
  const own = grid.level >= 3;
  const list = useApiQuery('records/list', { kind: 'wechatGroups', gridId: grid.id, limit: 50 }, { enabled: own }).data;
  const group = (list?.rows.find((r) => r.fields.gridId === grid.id) ?? null) as RecordView<'wechatGroups'> | null;
  return (
    <Card withBorder padding="sm" data-testid="wechat-group">
      <Text fw={600} mb="xs">
        网格微信群
      </Text>
      <Group align="flex-start" wrap="nowrap" gap="md">
        {own ? (
          list && <GroupFields grid={grid} group={group} />
        ) : (
          <div style={{ flex: 1 }}>
            <GridsWithoutGroup grid={grid} />
          </div>
        )}
        <QrCode grid={grid} />
      </Group>
      <Text size="xs" c="dimmed" mt="xs">
        {grid.level >= 3 ? '二维码印在本网格住户的联系卡上（户级网格没有时用村民小组的）。' : '二维码保存在本网格下。'}
      </Text>
    </Card>
  );
}

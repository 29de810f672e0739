import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { IconDoorExit, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import type { PostView } from '@shared/subsidies';
import { notifyError, notifySuccess } from '@renderer/lib/api';
import { useApiMutation, useApiQuery } from '@renderer/lib/query';
import { WorkerPicker } from '../records/pickers';
import { ConfirmModal } from '@renderer/components/ConfirmModal';
import { today } from './model';

type Editing = { post: PostView | null; ending: boolean } | null;

function postName(p: PostView): string {
  return `${p.workerName}的公益岗位“${p.post}”（${p.startDate} 起）`;
}

/** 公益岗位: who holds which post from when to when; each month in post is paid by the rule. */
export function PostsPanel() {
  const posts = useApiQuery('subsidies/posts/list', { workerId: null });
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<PostView | null>(null);
  const now = today();
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          在岗满 15 天的月份计 1 个月，按“公益岗位”标准的月补贴发放。
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ post: null, ending: false })}>
          新增公益岗位
        </Button>
      </Group>
      <DataTable<PostView>
        withTableBorder
        striped
        minHeight={160}
        height="calc(100dvh - 250px)"
        fetching={posts.isLoading}
        records={posts.data ?? []}
        noRecordsText="还没有公益岗位"
        data-testid="post-table"
        columns={[
          { accessor: 'workerName', title: '网格员' },
          { accessor: 'post', title: '岗位' },
          {
            accessor: 'startDate',
            title: '在岗期间',
            render: (p) => `${p.startDate} 至 ${p.endDate ?? '今'}`,
          },
          {
            accessor: 'state',
            title: '状态',
            render: (p) =>
              p.endDate !== null && p.endDate < now ? (
                <Badge color="gray" variant="light">
                  已离岗
                </Badge>
              ) : (
                <Badge color="teal" variant="light">
                  在岗
                </Badge>
              ),
          },
          { accessor: 'notes', title: '备注' },
          {
            accessor: 'actions',
            title: '',
            width: 110,
            render: (p) => (
              <Group gap={4} wrap="nowrap">
                <ActionIcon
                  variant="subtle"
                  aria-label={`修改${postName(p)}`}
                  onClick={() => setEditing({ post: p, ending: false })}
                >
                  <IconPencil size={16} />
                </ActionIcon>
                {p.endDate === null && (
                  <ActionIcon
                    variant="subtle"
                    aria-label={`结束${postName(p)}`}
                    onClick={() => setEditing({ post: p, ending: true })}
                  >
                    <IconDoorExit size={16} />
                  </ActionIcon>
                )}
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`删除${postName(p)}`}
                  onClick={() => setDeleting(p)}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ),
          },
        ]}
      />
      {editing && <PostFormModal target={editing} onClose={() => setEditing(null)} />}
      {deleting && <DeletePost post={deleting} onClose={() => setDeleting(null)} />}
    </Stack>
  );
}

function PostFormModal({ target, onClose }: { target: NonNullable<Editing>; onClose(): void }) {
  const { post, ending } = target;
  const save = useApiMutation('subsidies/posts/save');
  const [values, setValues] = useState({
    workerId: post?.workerId ?? null,
    post: post?.post ?? '',
    startDate: post?.startDate ?? today(),
    endDate: ending ? today() : (post?.endDate ?? ''),
    notes: post?.notes ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (k: keyof typeof values) => (v: string | number | null) => setValues((x) => ({ ...x, [k]: v }));
  const submit = async () => {
    const input = {
      ...values,
      id: post?.id ?? null,
      workerId: values.workerId as number,
      endDate: values.endDate || null,
    };
    const r = await save.mutateAsync(input);
    if (!r.ok) {
      if (r.error.fields) setErrors(r.error.fields);
      else notifyError(r.error, '公益岗位未保存');
      return;
    }
    notifySuccess(
      ending ? `${r.value.workerName}已于 ${r.value.endDate} 离开“${r.value.post}”岗位` : `已保存${postName(r.value)}`,
    );
    onClose();
  };
  const title = ending ? `结束${postName(post!)}` : post ? '修改公益岗位' : '新增公益岗位';
  return (
    <Modal
      opened
      onClose={onClose}
      centered
      size={560}
      title={<Text fw={600}>{title}</Text>}
      closeButtonProps={{ 'aria-label': '关闭' }}
    >
      <Stack gap="sm">
        {!ending && (
          <SimpleGrid cols={2}>
            <WorkerPicker
              label="网格员"
              withAsterisk
              placeholder="输入姓名查找"
              gridId={null}
              currentName={post?.workerName}
              value={values.workerId}
              onChange={set('workerId')}
              error={errors.workerId}
            />
            <TextInput
              label="岗位"
              withAsterisk
              placeholder="如：护林员、保洁员"
              value={values.post}
              onChange={(e) => set('post')(e.currentTarget.value)}
              error={errors.post}
            />
          </SimpleGrid>
        )}
        <SimpleGrid cols={2}>
          <TextInput
            type="date"
            label="上岗日期"
            withAsterisk
            disabled={ending}
            value={values.startDate}
            onChange={(e) => set('startDate')(e.currentTarget.value)}
            error={errors.startDate}
          />
          <TextInput
            type="date"
            label="离岗日期"
            description={ending ? undefined : '仍在岗的留空'}
            withAsterisk={ending}
            value={values.endDate}
            onChange={(e) => set('endDate')(e.currentTarget.value)}
            error={errors.endDate}
          />
        </SimpleGrid>
        {!ending && (
          <TextInput
            label="备注"
            value={values.notes}
            onChange={(e) => set('notes')(e.currentTarget.value)}
            error={errors.notes}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button loading={save.isPending} onClick={() => void submit()}>
            {ending ? '确认离岗' : '保存'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function DeletePost({ post, onClose }: { post: PostView; onClose(): void }) {
  const remove = useApiMutation('subsidies/posts/delete');
  const confirm = async () => {
    const r = await remove.mutateAsync({ id: post.id });
    if (!r.ok) return notifyError(r.error, '删除未完成');
    notifySuccess(`已删除${postName(post)}`);
    onClose();
  };
  return (
    <ConfirmModal
      title="删除这个公益岗位？"
      confirm="删除"
      loading={remove.isPending}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <Text size="sm">将删除{postName(post)}。岗位结束请用“结束”，删除只用于录错的岗位。</Text>
    </ConfirmModal>
  );
}

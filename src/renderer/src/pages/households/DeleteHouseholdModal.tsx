import { Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import type { HouseholdView } from '@shared/people';
import { notifyError, notifySuccess } from '@renderer/lib/api';
import { useApiMutation } from '@renderer/lib/query';

/** Deletes a household after naming it: head, grid, address. */
export function DeleteHouseholdModal({
  household: h,
  onClose,
  onDeleted,
}: {
  household: HouseholdView;
  onClose(): void;
  onDeleted(): void;
}) {
  const remove = useApiMutation('households/delete');
  const submit = async () => {
    const r = await remove.mutateAsync({ id: h.id });
    if (!r.ok) return notifyError(r.error, '住户未删除');
    notifySuccess(`已删除户主“${h.headName}”的住户`);
    onDeleted();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': '关闭' }}
      title={<Text fw={600}>删除户主“{h.headName}”的住户？</Text>}
      zIndex={300}
    >
      <Stack>
        <Table variant="vertical" withTableBorder data-testid="delete-household">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={90}>户主</Table.Th>
              <Table.Td>{h.headName}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>户级网格</Table.Th>
              <Table.Td>
                {h.gridLabel}（{h.gridCode}）
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>住址</Table.Th>
              <Table.Td>{[h.address, h.doorNumber && `${h.doorNumber}号`].filter(Boolean).join(' ') || '—'}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>家庭人口</Table.Th>
              <Table.Td>{h.members ?? '—'}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <Text size="sm">删除后该户将从花名册和联系卡中去掉，不能撤销（可从备份恢复）。</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button color="red" onClick={() => void submit()} loading={remove.isPending}>
            删除住户
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import type { ReactNode } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';

interface Props {
  title: string;
  children: ReactNode;
  confirm: string;
  color?: string;
  loading?: boolean;
  /** The confirm button waits for this (e.g. a field inside must be filled). */
  disabled?: boolean;
  onConfirm(): void;
  onClose(): void;
}

/** A question before a change that cannot be taken back (delete, approve). */
export function ConfirmModal({
  title,
  children,
  confirm,
  color = 'red',
  loading,
  disabled,
  onConfirm,
  onClose,
}: Props) {
  return (
    <Modal
      opened
      onClose={onClose}
      centered
      zIndex={400}
      title={<Text fw={600}>{title}</Text>}
      closeButtonProps={{ 'aria-label': '关闭' }}
    >
      <Stack>
        {children}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            取消
          </Button>
          <Button color={color} loading={loading} disabled={disabled} onClick={onConfirm}>
            {confirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

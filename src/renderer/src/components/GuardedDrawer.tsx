import { createContext, use, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button, Drawer, Group, Modal, Stack, Text, type DrawerProps } from '@mantine/core';

interface Guard {
  /** The form inside tells whether it holds unsaved changes. */
  setDirty(dirty: boolean): void;
  /** Closes the drawer, asking first when there are unsaved changes (for 取消 buttons). */
  requestClose(): void;
  /** A dialog of the form is open: Esc is its own, not the drawer's. */
  setNested(open: boolean): void;
}

const GuardContext = createContext<Guard>({
  setDirty: () => undefined,
  requestClose: () => undefined,
  setNested: () => undefined,
});

/** The guard of the drawer a form sits in. */
export function useDrawerGuard(): Guard {
  return use(GuardContext);
}

/** Tells the drawer around that a dialog of the form is open. */
export function useNestedDialog(open: boolean): void {
  const { setNested } = useDrawerGuard();
  useEffect(() => setNested(open), [open, setNested]);
}

/** Reports a form's dirtiness to the drawer around it. */
export function useReportDirty(dirty: boolean): void {
  const { setDirty } = useDrawerGuard();
  useEffect(() => setDirty(dirty), [dirty, setDirty]);
}

type Props = Omit<DrawerProps, 'onClose' | 'children'> & { onClose(): void; children: ReactNode };

/**
 * A drawer holding a form: Esc, a click outside, the close button or 取消 ask
 * "放弃未保存的修改？" when the form has unsaved changes, instead of losing them.
 */
export function GuardedDrawer({ opened, onClose, children, ...rest }: Props) {
  const dirty = useRef(false);
  const [asking, setAsking] = useState(false);
  const [nested, setNested] = useState(false);
  useEffect(() => {
    if (!opened) dirty.current = false;
  }, [opened]);
  const requestClose = useCallback(() => (dirty.current ? setAsking(true) : onClose()), [onClose]);
  const guard = useMemo(
    () => ({ setDirty: (d: boolean) => void (dirty.current = d), requestClose, setNested }),
    [requestClose],
  );
  const discard = () => {
    setAsking(false);
    dirty.current = false;
    onClose();
  };
  return (
    <>
      {/* While the question or a dialog of the form is open, Esc is theirs alone. */}
      <Drawer opened={opened} onClose={requestClose} closeOnEscape={!asking && !nested} {...rest}>
        <GuardContext value={guard}>{children}</GuardContext>
      </Drawer>
      {/*
       * Esc is handled here, not by the modal: Mantine's window listeners see one key press in
       * the order they were mounted, so the drawer's Esc that opened the question would close it
       * again at once.
       */}
      <Modal
        opened={asking}
        onClose={() => setAsking(false)}
        closeOnEscape={false}
        title={<Text fw={600}>放弃未保存的修改？</Text>}
        closeButtonProps={{ 'aria-label': '关闭' }}
        zIndex={400}
        centered
      >
        <Stack
          onKeyDown={(e) => {
            if (e.key === 'Escape') setAsking(false);
          }}
        >
          <Text size="sm">表单中的修改还没有保存，关闭后这些修改将丢失。</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsking(false)} data-autofocus>
              继续编辑
            </Button>
            <Button color="red" onClick={discard}>
              放弃修改
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

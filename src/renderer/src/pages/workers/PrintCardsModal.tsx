import { Alert, Button, Group, List, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import { saveThenOpen } from '@renderer/lib/files';
import { useApiQuery } from '@renderer/lib/query';

/**
 * Contact cards for the households of the selected workers' current grids: the confirmation
 * names the grids, the count, and who holds no grid (nothing printed for them).
 */
export function PrintCardsModal({ workers, onClose }: { workers: { id: number; name: string }[]; onClose(): void }) {
  const scope = useApiQuery('workers/cardScope', { ids: workers.map((w) => w.id) }, { keepOnWrite: true }).data;
  const count = scope?.householdIds.length ?? 0;
  const print = async () => {
    if (!scope?.gridId) return;
    const first = workers[0]!.name;
    const saved = await saveThenOpen(
      'print/cards',
      { gridId: scope.gridId, householdIds: scope.householdIds },
      {
        title: '保存联系卡',
        defaultName: `${workers.length === 1 ? first : `${first}等${workers.length}人`}所辖住户联系卡.pdf`,
        describe: () => `已生成 ${count} 户的联系卡`,
        errorTitle: '联系卡未生成',
      },
    );
    if (saved) onClose();
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': '关闭' }}
      opened
      onClose={onClose}
      title={<Text fw={600}>打印联系卡：所选 {workers.length} 名网格员的网格</Text>}
      size="lg"
    >
      {scope && (
        <Stack data-testid="card-scope">
          {scope.grids.length > 0 && (
            <>
              <Text size="sm">为以下网格的 {count} 户住户打印联系卡：</Text>
              <ScrollArea.Autosize mah={200} type="auto">
                <List size="sm">
                  {scope.grids.map((g) => (
                    <List.Item key={g}>{g}</List.Item>
                  ))}
                </List>
              </ScrollArea.Autosize>
            </>
          )}
          {scope.withoutGrid.length > 0 && (
            <Text size="sm" c="dimmed">
              {scope.withoutGrid.join('、')} 目前没有现任网格，不打印。
            </Text>
          )}
          {count === 0 && (
            <Alert color="yellow" variant="light">
              所选网格员的网格中没有住户，无需打印。
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              取消
            </Button>
            <Button onClick={() => void print()} disabled={count === 0}>
              选择保存位置并打印
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

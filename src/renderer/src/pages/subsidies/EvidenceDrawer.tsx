import { useState } from 'react';
import { Anchor, Button, Divider, Drawer, Group, Stack, Table, Text } from '@mantine/core';
import { IconAdjustments } from '@tabler/icons-react';
import { MECHANISM_LABELS, type Evidence, type Mechanism, type PayoutLine } from '@shared/subsidies';
import { AdjustModal } from './AdjustModal';
import { yuan, type WorkerRow } from './model';
import { useRecordOpener } from './useRecordOpener';

export type EvidenceTarget = { workerId: number; mechanism: Mechanism | null } | null;

interface Props {
  /** The worker's row as the batch now holds it (it follows adjustments). */
  row: WorkerRow | null;
  mechanism: Mechanism | null;
  /** A draft: amounts may be adjusted. */
  editable: boolean;
  onClose(): void;
}

const UNIT: Record<Mechanism, string> = { case: '件', info: '条', collective: '笔', welfare: '个月' };

/** Every yuan with the records behind it: the worker's lines, each with its cases, reports, months or share. */
export function EvidenceDrawer({ row, mechanism, editable, onClose }: Props) {
  const [adjusting, setAdjusting] = useState<PayoutLine | null>(null);
  const opener = useRecordOpener();
  const lines = row ? Object.values(row.lines).filter((l) => mechanism === null || l.mechanism === mechanism) : [];
  return (
    <Drawer
      opened={row !== null}
      onClose={onClose}
      position="right"
      size={620}
      closeButtonProps={{ 'aria-label': '关闭' }}
      title={
        <Text fw={600}>
          {row?.worker}（{row?.village}）{mechanism ? MECHANISM_LABELS[mechanism] : '全部补贴'}
        </Text>
      }
      data-testid="evidence-drawer"
    >
      <Stack gap="md">
        {lines.map((l) => (
          <LineEvidence
            key={l.mechanism}
            line={l}
            editable={editable}
            onAdjust={() => setAdjusting(l)}
            onOpenRecord={opener.open}
          />
        ))}
        {row && mechanism === null && (
          <Group justify="flex-end">
            <Text fw={600}>合计 {yuan(row.totalFen)}</Text>
          </Group>
        )}
      </Stack>
      {adjusting && <AdjustModal line={adjusting} onClose={() => setAdjusting(null)} />}
      {opener.drawer}
    </Drawer>
  );
}

function LineEvidence({
  line,
  editable,
  onAdjust,
  onOpenRecord,
}: {
  line: PayoutLine;
  editable: boolean;
  onAdjust(): void;
  onOpenRecord(kind: 'dispute' | 'report', id: number): Promise<void>;
}) {
  return (
    <Stack gap={6} data-testid={`evidence-${line.mechanism}`}>
      <Group justify="space-between">
        <Text fw={600}>
          {MECHANISM_LABELS[line.mechanism]} · {line.count} {UNIT[line.mechanism]}
        </Text>
        {editable && (
          <Button size="compact-sm" variant="light" leftSection={<IconAdjustments size={14} />} onClick={onAdjust}>
            调整
          </Button>
        )}
      </Group>
      <Group gap="lg">
        <Text size="sm">计算 {yuan(line.computedFen)}</Text>
        <Text size="sm" c={line.adjustFen === 0 ? 'dimmed' : 'orange.8'}>
          调整 {yuan(line.adjustFen)}
        </Text>
        <Text size="sm" fw={600} data-testid="line-final">
          实发 {yuan(line.amountFen)}
        </Text>
      </Group>
      {line.adjustFen !== 0 && (
        <Text size="xs" c="orange.8">
          调整理由：{line.adjustReason}
        </Text>
      )}
      <EvidenceTable evidence={line.evidence} onOpenRecord={onOpenRecord} />
      <Divider />
    </Stack>
  );
}

function EvidenceTable({
  evidence,
  onOpenRecord,
}: {
  evidence: Evidence[];
  onOpenRecord(kind: 'dispute' | 'report', id: number): Promise<void>;
}) {
  const sum = evidence.reduce((a, e) => a + e.fen, 0);
  return (
    <Table fz="sm" verticalSpacing={4} striped data-testid="evidence-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={100}>日期</Table.Th>
          <Table.Th>依据</Table.Th>
          <Table.Th w={110} ta="right">
            金额
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {evidence.map((e, i) => (
          <Table.Tr key={`${e.kind}-${e.id ?? e.date}-${i}`}>
            <Table.Td>{e.date}</Table.Td>
            <Table.Td>
              {(e.kind === 'dispute' || e.kind === 'report') && e.id !== null ? (
                <Anchor size="sm" onClick={() => void onOpenRecord(e.kind as 'dispute' | 'report', e.id!)}>
                  {e.label}
                </Anchor>
              ) : (
                e.label
              )}
            </Table.Td>
            <Table.Td ta="right">{yuan(e.fen)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr>
          <Table.Th colSpan={2}>共 {evidence.length} 项</Table.Th>
          <Table.Th ta="right" data-testid="evidence-sum">
            {yuan(sum)}
          </Table.Th>
        </Table.Tr>
      </Table.Tfoot>
    </Table>
  );
}

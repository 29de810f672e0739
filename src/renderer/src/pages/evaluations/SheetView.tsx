import { useCallback, useState } from 'react';
import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft } from '@tabler/icons-react';
import type { ScoreItemView, SheetLineView, SheetView as Sheet } from '@shared/evaluations';
import { useApiQuery } from '@renderer/lib/query';
import { ScoreModal, type ScoreTarget } from './ScoreModal';
import { SheetActions } from './SheetActions';
import { SheetTable } from './SheetTable';
import { StatusBadge } from './StatusBadge';

interface Props {
  id: number;
  onBack(): void;
  /** Another version was opened (a correction). */
  onOpen(id: number): void;
}

/** A scoring sheet: who scored, its state, one row per worker and the buttons its state allows. */
export function SheetView({ id, onBack, onOpen }: Props) {
  const sheet = useApiQuery('evaluations/sheets/get', { id }, { silent: true });
  const [target, setTarget] = useState<ScoreTarget>(null);
  const [changed, setChanged] = useState<ReadonlySet<number>>(new Set());
  const onEdit = useCallback((line: SheetLineView, item: ScoreItemView) => setTarget({ line, item }), []);
  const s = sheet.data;
  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Group gap="xs" wrap="nowrap">
          <Button variant="subtle" size="compact-sm" leftSection={<IconArrowLeft size={14} />} onClick={onBack}>
            评分表列表
          </Button>
          {s && <Heading sheet={s} />}
        </Group>
        {s && (
          <SheetActions sheet={s} onDeleted={onBack} onOpen={onOpen} onRefreshed={(ids) => setChanged(new Set(ids))} />
        )}
      </Group>
      {s && <State sheet={s} onOpen={onOpen} />}
      {sheet.error && !s && (
        <Alert color="red" icon={<IconAlertTriangle size={16} />}>
          {sheet.error.apiError.message}
        </Alert>
      )}
      {s && <SheetTable sheet={s} fetching={sheet.isFetching} changed={changed} onEdit={onEdit} />}
      {s && target && <ScoreModal sheetId={s.id} target={target} onClose={() => setTarget(null)} />}
    </Stack>
  );
}

function Heading({ sheet }: { sheet: Sheet }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Title order={4} style={{ whiteSpace: 'nowrap' }}>
        {sheet.villageName} {sheet.periodLabel}评分表
      </Title>
      <StatusBadge status={sheet.status} />
      {sheet.version > 1 && (
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          第 {sheet.version} 版
        </Text>
      )}
    </Group>
  );
}

/** Which scheme and period, who approved it, and why it was corrected. */
function State({ sheet, onOpen }: { sheet: Sheet; onOpen(id: number): void }) {
  const state =
    sheet.status === '草稿'
      ? '草稿：点得分可调整'
      : `${sheet.approvedBy ?? ''} 审定于 ${sheet.approvedAt?.slice(0, 16).replace('T', ' ') ?? ''}，已锁定`;
  return (
    <Stack gap={0} mt={-6}>
      <Text size="xs" c="dimmed" data-testid="sheet-state">
        {sheet.schemeName} · {sheet.periodStart} 至 {sheet.periodEnd} · {sheet.workers} 人 · {state}
      </Text>
      {sheet.previousId !== null && (
        <Text size="xs" c="orange.8">
          更正理由：{sheet.correctionReason}{' '}
          <Text span size="xs" c="blue" style={{ cursor: 'pointer' }} onClick={() => onOpen(sheet.previousId!)}>
            查看上一版
          </Text>
        </Text>
      )}
    </Stack>
  );
}

import { useMemo, useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Spoiler, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft } from '@tabler/icons-react';
import { MECHANISM_LABELS, MECHANISMS, type BatchView as Batch, type Mechanism } from '@shared/subsidies';
import { RECORD_LABELS } from '@shared/records';
import { useApiQuery } from '@renderer/lib/query';
import { BatchActions } from './BatchActions';
import { BatchTable } from './BatchTable';
import { EvidenceDrawer, type EvidenceTarget } from './EvidenceDrawer';
import { StatusBadge } from './StatusBadge';
import { useRecordOpener } from './useRecordOpener';
import { workerRows, yuan } from './model';

/** A batch: its totals, one row per worker, and the evidence behind any amount. */
export function BatchView({ id, onBack }: { id: number; onBack(): void }) {
  const batch = useApiQuery('subsidies/batches/get', { id }, { silent: true });
  const rows = useMemo(() => workerRows(batch.data?.lines ?? []), [batch.data]);
  const [target, setTarget] = useState<EvidenceTarget>(null);
  const b = batch.data;
  const row = target ? (rows.find((r) => r.workerId === target.workerId) ?? null) : null;
  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <Button variant="subtle" size="compact-sm" leftSection={<IconArrowLeft size={14} />} onClick={onBack}>
            批次列表
          </Button>
          {b && <BatchHeading batch={b} />}
        </Group>
        {b && <BatchActions batch={b} onDeleted={onBack} />}
      </Group>
      {batch.error && !b && (
        <Alert color="red" icon={<IconAlertTriangle size={16} />}>
          {batch.error.apiError.message}
        </Alert>
      )}
      {b && <Totals batch={b} />}
      {b?.status === '草稿' && <Unattributed batch={b} />}
      <BatchTable
        rows={rows}
        fetching={batch.isLoading}
        onOpen={(r, m) => setTarget({ workerId: r.workerId, mechanism: m })}
      />
      <EvidenceDrawer
        row={row}
        mechanism={target?.mechanism ?? null}
        editable={b?.status === '草稿'}
        onClose={() => setTarget(null)}
      />
    </Stack>
  );
}

function BatchHeading({ batch }: { batch: Batch }) {
  const state =
    batch.status === '草稿'
      ? `计算于 ${batch.computedAt.slice(0, 16).replace('T', ' ')}`
      : batch.status === '已审定'
        ? `${batch.approvedBy} 审定于 ${batch.approvedAt?.slice(0, 10)}`
        : `发放于 ${batch.paidAt}（${batch.approvedBy} 审定）`;
  return (
    <Stack gap={0}>
      <Group gap="xs" wrap="nowrap">
        <Title order={3} lineClamp={1}>
          {batch.title}
        </Title>
        <StatusBadge status={batch.status} />
      </Group>
      <Text size="xs" c="dimmed">
        {batch.from} 至 {batch.to} · {batch.gridName ?? '全镇'} · {batch.workers} 人 · {state}
      </Text>
    </Stack>
  );
}

function Totals({ batch }: { batch: Batch }) {
  return (
    <Stack gap={4}>
      <SimpleGrid cols={5} spacing="xs" data-testid="mechanism-totals">
        {MECHANISMS.map((m: Mechanism) => (
          <Paper key={m} withBorder px="sm" py={4}>
            <Text size="xs" c="dimmed">
              {MECHANISM_LABELS[m]}
            </Text>
            <Text fw={600}>{yuan(batch.byMechanism[m])}</Text>
          </Paper>
        ))}
        <Paper withBorder px="sm" py={4} bg="blue.0">
          <Text size="xs" c="dimmed">
            合计
          </Text>
          <Text fw={700} data-testid="batch-total">
            {yuan(batch.totalFen)}
          </Text>
        </Paper>
      </SimpleGrid>
      <Spoiler maxHeight={26} showLabel="展开各村合计" hideLabel="收起" fz="xs">
        <Group gap={6} data-testid="village-totals">
          <Text size="xs" c="dimmed">
            按村：
          </Text>
          {batch.byVillage.map((v) => (
            <Badge key={v.villageId ?? 'none'} variant="outline" color="gray" tt="none" fw={400}>
              {v.village} {yuan(v.totalFen)}
            </Badge>
          ))}
        </Group>
      </Spoiler>
    </Stack>
  );
}

/** Records that pay no one: the clerk names a worker on them (or appoints one to the grid), then recomputes. */
function Unattributed({ batch }: { batch: Batch }) {
  const computed = useApiQuery(
    'subsidies/compute',
    { from: batch.from, to: batch.to, gridId: batch.gridId },
    { silent: true },
  ).data;
  const opener = useRecordOpener();
  const [shown, setShown] = useState(false);
  const list = computed?.unattributed ?? [];
  if (list.length === 0) return null;
  return (
    <Alert color="yellow" icon={<IconAlertTriangle size={16} />} p="xs" data-testid="unattributed">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">
          {list.length}{' '}
          条记录没有可计补贴的网格员（记录未填网格员，当天该网格也无人任职），未计入本批次。点记录打开并填上网格员（或在网格管理中为该网格任命网格员），再“重新计算”。
        </Text>
        <Anchor size="sm" onClick={() => setShown((s) => !s)} style={{ flexShrink: 0 }}>
          {shown ? '收起' : '查看'}
        </Anchor>
      </Group>
      {shown && (
        <Stack gap={2} mt={4} mah={120} style={{ overflowY: 'auto' }}>
          {list.map((u) => (
            <Anchor key={`${u.kind}-${u.id}`} size="sm" onClick={() => void opener.open(u.kind, u.id)}>
              {u.date} {RECORD_LABELS[u.kind === 'dispute' ? 'disputes' : 'reports']}：{u.label}
            </Anchor>
          ))}
        </Stack>
      )}
      {opener.drawer}
    </Alert>
  );
}

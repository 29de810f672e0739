import { useState } from 'react';
import { Badge, Group, Paper, ScrollArea, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { RECORD_LABELS } from '@shared/records';
import { useApiQuery } from '@renderer/lib/query';
import { StatusBadges } from './RecordList';
import { RecordFormDrawer, type RecordTarget } from './RecordForm';

/** A grid subtree's or a worker's records, newest first; a line opens its record. */
export function RecordTimeline({
  gridId = null,
  workerId = null,
}: {
  gridId?: number | null;
  workerId?: number | null;
}) {
  const rows = useApiQuery('records/timeline', { gridId, workerId, limit: 200 }, { silent: true }).data;
  const [editing, setEditing] = useState<RecordTarget>(null);
  return (
    <Stack gap="xs" data-testid="record-timeline">
      <Title order={5}>工作记录{rows ? `（${rows.length >= 200 ? '最近 200' : rows.length} 条）` : ''}</Title>
      {rows && rows.length === 0 && (
        <Text size="sm" c="dimmed">
          还没有工作记录
        </Text>
      )}
      {rows && rows.length > 0 && (
        <Paper withBorder>
          <ScrollArea.Autosize mah={320}>
            {rows.map((r) => (
              <UnstyledButton
                key={`${r.kind}-${r.id}`}
                onClick={() => setEditing({ kind: r.kind, record: r })}
                w="100%"
                px="sm"
                py={6}
                style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
                data-testid="timeline-line"
              >
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" c="dimmed" w={86} style={{ flexShrink: 0 }}>
                    {r.date}
                  </Text>
                  <Badge size="sm" variant="outline" style={{ flexShrink: 0 }}>
                    {RECORD_LABELS[r.kind]}
                  </Badge>
                  <Text size="sm" lineClamp={1} style={{ flex: 1, minWidth: 0 }}>
                    {r.summary}
                  </Text>
                  <StatusBadges record={r} />
                  <Text size="xs" c="dimmed" lineClamp={1} maw={200} style={{ flexShrink: 0 }}>
                    {workerId ? r.gridLabel : (r.workerName ?? '')}
                  </Text>
                </Group>
              </UnstyledButton>
            ))}
          </ScrollArea.Autosize>
        </Paper>
      )}
      <RecordFormDrawer target={editing} onClose={() => setEditing(null)} />
    </Stack>
  );
}

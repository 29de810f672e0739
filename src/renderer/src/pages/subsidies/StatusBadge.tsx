import { Badge } from '@mantine/core';
import type { BATCH_STATUSES } from '@shared/subsidies';

const COLORS: Record<(typeof BATCH_STATUSES)[number], string> = { 草稿: 'gray', 已审定: 'blue', 已发放: 'teal' };

export function StatusBadge({ status }: { status: (typeof BATCH_STATUSES)[number] }) {
  return (
    <Badge color={COLORS[status]} variant="light">
      {status}
    </Badge>
  );
}

import { Badge } from '@mantine/core';
import type { SheetStatus } from '@shared/evaluations';
import { STATUS_COLORS } from './model';

export function StatusBadge({ status }: { status: SheetStatus }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" style={{ flexShrink: 0 }}>
      {status}
    </Badge>
  );
}

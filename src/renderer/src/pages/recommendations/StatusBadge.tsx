import { Badge } from '@mantine/core';
import type { RecStatus } from '@shared/recommendations';

const COLORS: Record<RecStatus, string> = { 进行中: 'blue', 已完成: 'teal', 未通过: 'gray' };

export function StatusBadge({ status }: { status: RecStatus }) {
  return (
    <Badge variant="light" color={COLORS[status]}>
      {status}
    </Badge>
  );
}

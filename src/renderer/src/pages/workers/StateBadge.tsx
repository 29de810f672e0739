import { Badge, type BadgeProps } from '@mantine/core';
import type { WorkerState } from '@shared/people';

const COLORS: Record<WorkerState, string> = { 在岗: 'teal', 待安排: 'yellow', 离任: 'gray' };

/** A worker's state as a badge: 在岗, 待安排 (in post with no current grid) or 离任. */
export function StateBadge({ state, ...rest }: { state: WorkerState } & Omit<BadgeProps, 'color' | 'children'>) {
  return (
    <Badge variant="light" color={COLORS[state]} data-testid="worker-state" {...rest}>
      {state}
    </Badge>
  );
}

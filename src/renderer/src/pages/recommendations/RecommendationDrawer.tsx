import { Badge, Center, Divider, Group, Loader, Stack, Text, Timeline, Title } from '@mantine/core';
import { PIPELINE_LABELS, type RecommendationView } from '@shared/recommendations';
import { GuardedDrawer } from '@renderer/components/GuardedDrawer';
import { useApiQuery } from '@renderer/lib/query';
import { DetailsForm } from './DetailsForm';
import { FormActions } from './FormActions';
import { NextStepForm } from './NextStepForm';
import { StatusBadge } from './StatusBadge';

const DECISION_COLORS = { 通过: 'teal', 未通过: 'red', 暂缓: 'yellow' } as const;

function Steps({ rec }: { rec: RecommendationView }) {
  return (
    <Timeline active={rec.stepList.length - 1} bulletSize={18} lineWidth={2} data-testid="step-timeline">
      {rec.stepList.map((s) => (
        <Timeline.Item
          key={s.id}
          color={DECISION_COLORS[s.decision]}
          title={
            <Group gap="xs">
              <Text fw={600} size="sm">
                {s.stage}
              </Text>
              <Badge size="sm" variant="light" color={DECISION_COLORS[s.decision]}>
                {s.decision}
              </Badge>
            </Group>
          }
        >
          <Text size="xs" c="dimmed">
            {s.date}
            {s.decidedBy ? `\u3000${s.decidedBy}` : ''}
            {s.notes ? `\u3000${s.notes}` : ''}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

function Body({ rec, onClose }: { rec: RecommendationView; onClose(): void }) {
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="nowrap">
        <Stack gap={2}>
          <Title order={4}>{`${rec.workerName}\u3000${rec.year}年度${PIPELINE_LABELS[rec.pipeline]}`}</Title>
          <Text size="sm" c="dimmed">
            {[rec.gender, rec.age === null ? '' : `${rec.age}岁`, rec.politicalStatus, rec.education, rec.idMasked]
              .filter(Boolean)
              .join('\u3000')}
          </Text>
          <Text size="sm" c="dimmed">
            {rec.grids || '未任网格'}
          </Text>
        </Stack>
        <StatusBadge status={rec.status} />
      </Group>
      <Steps rec={rec} />
      {rec.nextStage && <NextStepForm key={`next-${rec.id}-${rec.steps}`} rec={rec} />}
      <Divider label="推荐表内容" labelPosition="left" />
      <DetailsForm key={`details-${rec.id}-${rec.steps}`} rec={rec} />
      <Divider />
      <FormActions rec={rec} onDeleted={onClose} />
    </Stack>
  );
}

/** One recommendation: its steps, the next step, the 推荐表's content and printing. */
export function RecommendationDrawer({ id, onClose }: { id: number | null; onClose(): void }) {
  const rec = useApiQuery('recommendations/get', { id: id ?? 0 }, { enabled: id !== null, silent: true });
  return (
    <GuardedDrawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size={640}
      title={<Text fw={600}>推优详情</Text>}
      closeButtonProps={{ 'aria-label': '关闭' }}
    >
      {rec.data && rec.data.id === id ? (
        <Body rec={rec.data} onClose={onClose} />
      ) : rec.error ? (
        <Text c="red">{rec.error.message}</Text>
      ) : (
        <Center h={200}>
          <Loader size="sm" />
        </Center>
      )}
    </GuardedDrawer>
  );
}

import { Stack, Text, Title } from '@mantine/core';

/** 考核 (being built). */
export function EvaluationsPage() {
  return (
    <Stack>
      <Title order={2}>考核</Title>
      <Text c="dimmed">本页正在建设中。</Text>
    </Stack>
  );
}

import { Stack, Text, Title } from '@mantine/core';

/** 推优 (being built). */
export function RecommendationsPage() {
  return (
    <Stack>
      <Title order={2}>推优</Title>
      <Text c="dimmed">本页正在建设中。</Text>
    </Stack>
  );
}

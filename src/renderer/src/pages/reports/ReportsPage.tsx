import { Stack, Text, Title } from '@mantine/core';

/** 统计报表 (being built). */
export function ReportsPage() {
  return (
    <Stack>
      <Title order={2}>统计报表</Title>
      <Text c="dimmed">本页正在建设中。</Text>
    </Stack>
  );
}

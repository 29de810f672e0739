import { Stack, Text, Title } from '@mantine/core';

/** 补贴 (being built). */
export function SubsidiesPage() {
  return (
    <Stack>
      <Title order={2}>补贴</Title>
      <Text c="dimmed">本页正在建设中。</Text>
    </Stack>
  );
}

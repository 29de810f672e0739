import { Stack, Title } from '@mantine/core';
import { BackupPanel } from './BackupPanel';
import { SettingsForm } from './SettingsForm';

export function SettingsPage() {
  return (
    <Stack gap="lg" maw={960}>
      <Title order={2}>系统设置</Title>
      <SettingsForm />
      <BackupPanel />
    </Stack>
  );
}

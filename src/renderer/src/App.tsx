import { useState } from 'react';
import { AppShell, Group, NavLink, Text, Title } from '@mantine/core';
import { IconHierarchy2, IconSettings } from '@tabler/icons-react';
import { GridsPage } from './pages/grids/GridsPage';
import { SettingsPage } from './pages/settings/SettingsPage';
import { useAppState } from './lib/settings-context';

const PAGES = [
  { key: 'grids', label: '网格管理', icon: IconHierarchy2 },
  { key: 'settings', label: '系统设置', icon: IconSettings },
] as const;
type PageKey = (typeof PAGES)[number]['key'];

export function App() {
  const [page, setPage] = useState<PageKey>('grids');
  const { settings } = useAppState();
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 200, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="xs">
            <Title order={3} c="indigo.8">
              网格工作台
            </Title>
            <Text size="sm" c="dimmed">
              四级网格化管理
            </Text>
          </Group>
          {settings.unitName && (
            <Text size="sm" fw={500} data-testid="unit-name">
              {settings.unitName}
            </Text>
          )}
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="主导航">
        {PAGES.map((p) => (
          <NavLink
            key={p.key}
            label={p.label}
            leftSection={<p.icon size={18} stroke={1.6} />}
            active={page === p.key}
            onClick={() => setPage(p.key)}
            variant="filled"
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>{page === 'grids' ? <GridsPage /> : <SettingsPage />}</AppShell.Main>
    </AppShell>
  );
}

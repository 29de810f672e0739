import { useState } from 'react';
import { AppShell, Group, NavLink, Text, Title } from '@mantine/core';
import { useAppState } from './lib/settings-context';
import { NavigationContext, type PageKey } from './lib/navigation';
import { ROUTES } from './routes';

function Header() {
  const { settings } = useAppState();
  return (
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
  );
}

export function App() {
  const [page, setPage] = useState<PageKey>(ROUTES[0].key);
  const Page = ROUTES.find((r) => r.key === page)!.component;
  return (
    <NavigationContext.Provider value={setPage}>
      <AppShell header={{ height: 56 }} navbar={{ width: 200, breakpoint: 0 }} padding="md">
        <AppShell.Header>
          <Header />
        </AppShell.Header>
        <AppShell.Navbar p="xs" aria-label="主导航">
          {ROUTES.map((r) => (
            <NavLink
              key={r.key}
              label={r.label}
              leftSection={<r.icon size={18} stroke={1.6} />}
              active={page === r.key}
              onClick={() => setPage(r.key)}
              variant="filled"
            />
          ))}
        </AppShell.Navbar>
        <AppShell.Main>
          <Page />
        </AppShell.Main>
      </AppShell>
    </NavigationContext.Provider>
  );
}

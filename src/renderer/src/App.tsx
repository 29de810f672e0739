import { useCallback, useMemo, useState } from 'react';
import { AppShell, Group, NavLink, Text, Title } from '@mantine/core';
import { useAppState } from './lib/settings-context';
import { GlobalSearch } from './components/GlobalSearch';
import { NavigationContext, TARGET_PAGE, type Navigation, type PageKey, type Target } from './lib/navigation';
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
      <Group gap="md" wrap="nowrap">
        {settings.unitName && (
          <Text size="sm" fw={500} data-testid="unit-name">
            {settings.unitName}
          </Text>
        )}
        <GlobalSearch />
      </Group>
    </Group>
  );
}

/** The page shown and the link followed to it, if any. */
function useNavigationState(): Navigation & { page: PageKey } {
  const [page, setPage] = useState<PageKey>(ROUTES[0].key);
  const [target, setTarget] = useState<Navigation['target']>(null);
  const open = useCallback((t: Target) => {
    setPage(TARGET_PAGE[t.kind]);
    setTarget((prev) => ({ ...t, seq: (prev?.seq ?? 0) + 1 }));
  }, []);
  const shown = useCallback((seq: number) => setTarget((prev) => (prev?.seq === seq ? null : prev)), []);
  return useMemo(() => ({ page, go: setPage, open, target, shown }), [page, open, target, shown]);
}

export function App() {
  const navigation = useNavigationState();
  const { page, go: setPage } = navigation;
  const Page = ROUTES.find((r) => r.key === page)!.component;
  return (
    <NavigationContext.Provider value={navigation}>
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

import { useState } from 'react';
import { AppShell, Group, NavLink, Text, Title } from '@mantine/core';
import { IconFileImport, IconHierarchy2, IconHome, IconPrinter, IconSettings, IconUsers } from '@tabler/icons-react';
import { PrintPage } from './pages/print/PrintPage';
import { GridsPage } from './pages/grids/GridsPage';
import { WorkersPage } from './pages/workers/WorkersPage';
import { HouseholdsPage } from './pages/households/HouseholdsPage';
import { ImportPage } from './pages/import/ImportPage';
import { SettingsPage } from './pages/settings/SettingsPage';
import { useAppState } from './lib/settings-context';
import { NavigationContext, type PageKey } from './lib/navigation';

const PAGES: { key: PageKey; label: string; icon: typeof IconHierarchy2 }[] = [
  { key: 'grids', label: '网格管理', icon: IconHierarchy2 },
  { key: 'workers', label: '网格员', icon: IconUsers },
  { key: 'households', label: '住户', icon: IconHome },
  { key: 'import', label: '导入花名册', icon: IconFileImport },
  { key: 'print', label: '打印', icon: IconPrinter },
  { key: 'settings', label: '系统设置', icon: IconSettings },
];

function Page({ page }: { page: PageKey }) {
  switch (page) {
    case 'grids':
      return <GridsPage />;
    case 'workers':
      return <WorkersPage />;
    case 'households':
      return <HouseholdsPage />;
    case 'import':
      return <ImportPage />;
    case 'print':
      return <PrintPage />;
    case 'settings':
      return <SettingsPage />;
  }
}

export function App() {
  const [page, setPage] = useState<PageKey>('grids');
  const { settings } = useAppState();
  return (
    <NavigationContext.Provider value={setPage}>
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
        <AppShell.Main>
          <Page page={page} />
        </AppShell.Main>
      </AppShell>
    </NavigationContext.Provider>
  );
}

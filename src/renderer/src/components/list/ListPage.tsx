import type { ReactNode } from 'react';
import { Group, Stack, TextInput, Title } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';

/** A page's title with its actions on the right. */
export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Group justify="space-between">
      <Title order={2}>{title}</Title>
      <Group gap="xs">{children}</Group>
    </Group>
  );
}

/** The row of filters above a list. */
export function FilterBar({ children }: { children: ReactNode }) {
  return (
    <Group gap="xs" align="flex-end">
      {children}
    </Group>
  );
}

/** The free-text filter; it takes the row's remaining width. */
export function SearchFilter({
  value,
  onChange,
  placeholder,
  label,
}: {
  value: string;
  onChange(value: string): void;
  placeholder: string;
  label: string;
}) {
  return (
    <TextInput
      placeholder={placeholder}
      aria-label={label}
      leftSection={<IconSearch size={16} />}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      style={{ flex: 1, minWidth: 180 }}
    />
  );
}

interface ListPageProps {
  title: string;
  /** Buttons beside the title (new, import, export…). */
  actions?: ReactNode;
  filters: ReactNode;
  table: ReactNode;
  /** Drawers and modals the list opens. */
  children?: ReactNode;
}

/** The list-page layout: title and actions, filters, the paged table, then its drawers. */
export function ListPage({ title, actions, filters, table, children }: ListPageProps) {
  return (
    <Stack gap="sm">
      <PageHeader title={title}>{actions}</PageHeader>
      <FilterBar>{filters}</FilterBar>
      {table}
      {children}
    </Stack>
  );
}

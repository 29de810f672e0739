import { useState } from 'react';
import { Badge, Combobox, Group, Kbd, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import type { SearchHit } from '@shared/search';
import { useOpen } from '@renderer/lib/navigation';
import { useApiQuery } from '@renderer/lib/query';

const KIND_LABEL: Record<SearchHit['kind'], string> = { worker: '网格员', household: '住户', grid: '网格' };
const KIND_COLOR: Record<SearchHit['kind'], string> = { worker: 'teal', household: 'blue', grid: 'grape' };

/** One box in the header that finds workers, households and grids from any page (Ctrl+K). */
export function GlobalSearch() {
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text.trim(), 250);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const open = useOpen();
  const found = useApiQuery(
    'search/all',
    { text: debounced },
    { enabled: debounced.length > 0, silent: true, placeholderData: (previous) => previous },
  );
  useHotkeys([['mod+K', () => document.getElementById('global-search')?.focus()]]);

  const hits = debounced.length > 0 ? (found.data?.hits ?? []) : [];
  const pick = (value: string) => {
    const hit = hits[Number(value)];
    if (!hit) return;
    open({ kind: hit.kind, id: hit.id });
    setText('');
    combobox.closeDropdown();
  };

  return (
    <Combobox store={combobox} onOptionSubmit={pick} width={460} position="bottom-end">
      <Combobox.Target>
        <TextInput
          id="global-search"
          aria-label="查找网格员、住户、网格"
          placeholder="查找姓名、电话、网格或编码"
          w={300}
          leftSection={<IconSearch size={16} />}
          rightSection={found.isFetching ? <Loader size="xs" /> : <Kbd size="xs">Ctrl K</Kbd>}
          rightSectionWidth={56}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setText('');
          }}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={debounced.length === 0} data-testid="global-search-results">
        <Combobox.Options mah={420} style={{ overflowY: 'auto' }}>
          {hits.map((h, i) => (
            <Combobox.Option value={String(i)} key={`${h.kind}-${h.id}`}>
              <Group gap="xs" wrap="nowrap">
                <Badge size="xs" variant="light" color={KIND_COLOR[h.kind]} miw={48}>
                  {KIND_LABEL[h.kind]}
                </Badge>
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={500} truncate>
                    {h.title}
                  </Text>
                  <Text size="xs" c="dimmed" truncate>
                    {h.detail}
                  </Text>
                </div>
              </Group>
            </Combobox.Option>
          ))}
          {hits.length === 0 && !found.isFetching && <Combobox.Empty>没有找到“{debounced}”</Combobox.Empty>}
          {found.data?.more && hits.length > 0 && (
            <Text size="xs" c="dimmed" px="sm" py={4}>
              结果较多，只列出前几条：请输入更完整的姓名或编码
            </Text>
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}

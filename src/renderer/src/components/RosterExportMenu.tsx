import { Button, Menu } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { todayChinese } from '@shared/dates';
import { saveThenOpen } from '@renderer/lib/files';

const ROSTERS = {
  'export/workers': '网格员花名册',
  'export/households': '住户花名册',
} as const;

/** Saves a roster where the clerk chooses (one sheet per village, or all in one) and offers to open it. */
export function exportRoster(name: keyof typeof ROSTERS, perVillage: boolean, gridId: number | null) {
  const roster = ROSTERS[name];
  return saveThenOpen(
    name,
    { perVillage, gridId },
    {
      title: `导出${roster}`,
      defaultName: `${roster}-${todayChinese()}.xlsx`,
      describe: (r) => `已导出 ${r.rows} 行`,
      errorTitle: '导出未完成',
    },
  );
}

/** The 导出花名册 button of the workers and households pages, for the grid the list is filtered to. */
export function RosterExportMenu({ name, gridId }: { name: keyof typeof ROSTERS; gridId: number | null }) {
  return (
    <Menu>
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} />}>
          导出花名册
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => void exportRoster(name, true, gridId)}>每村一个工作表</Menu.Item>
        <Menu.Item onClick={() => void exportRoster(name, false, gridId)}>全部在一个工作表</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

import { useState } from 'react';
import { Button } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { todayChinese } from '@shared/dates';
import type { AuditEntry } from '@shared/audit';
import { saveThenOpen } from '@renderer/lib/files';
import { usePagedList } from '@renderer/lib/use-paged-list';
import { ListPage } from '@renderer/components/list/ListPage';
import { AuditEntryDrawer } from './AuditEntryDrawer';
import { AuditFilterFields, AuditTable, auditFilterInput, auditListInput, NO_AUDIT_FILTERS } from './AuditList';

/** The 操作日志: every change made in GridDesk, newest first; filtered, paged, exported to Excel. */
export function AuditPage() {
  const list = usePagedList('audit/list', {
    initial: NO_AUDIT_FILTERS,
    toInput: auditListInput,
    textKeys: ['actor', 'text'],
  });
  const [open, setOpen] = useState<AuditEntry | null>(null);
  const exportLog = () =>
    saveThenOpen('audit/export', auditFilterInput(list.applied), {
      title: '导出操作日志',
      defaultName: `操作日志-${todayChinese()}.xlsx`,
      describe: (r) => `已导出 ${r.rows} 条操作记录`,
      errorTitle: '导出未完成',
    });
  return (
    <ListPage
      title="操作日志"
      actions={
        <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => void exportLog()}>
          导出 Excel
        </Button>
      }
      filters={<AuditFilterFields list={list} />}
      table={<AuditTable list={list} onOpen={setOpen} />}
    >
      <AuditEntryDrawer entry={open} onClose={() => setOpen(null)} />
    </ListPage>
  );
}

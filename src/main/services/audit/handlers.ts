import { auditApi } from '../../../shared/audit';
import { formatDateTime } from '../../../shared/dates';
import { defineHandlers } from '../../ipc/define';
import { auditEntries, listAudit } from './audit';

const workbook = () => import('../../excel/audit-workbook');

export const auditHandlers = defineHandlers(auditApi, {
  'audit/list': ({ db }, input) => listAudit(db, input),
  'audit/export': async ({ db }, { out, ...filter }) => {
    const range = filter.from || filter.to ? `${filter.from ?? '最早'} 至 ${filter.to ?? '今天'}` : '全部';
    const info = `范围：${range}\u3000导出时间：${formatDateTime(new Date().toISOString())}`;
    const { rows } = await (await workbook()).writeAuditWorkbook(auditEntries(db, filter), out, info);
    return { file: out, rows };
  },
});
